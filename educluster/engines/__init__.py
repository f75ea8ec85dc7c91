"""Pure computational engines: no Django imports, plain data in, frozen results out."""
