"""A local fake of the Telegram Bot API: an HTTP server on 127.0.0.1 in a thread that records
every call and serves queued updates to getUpdates."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

TOKEN = "123456:TEST-TOKEN"
SECRET = "webhook-secret-1"


class FakeBotApi:
    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.updates: list[dict[str, Any]] = []
        self.down = False
        self.next_message_id = 100
        self.lock = threading.Lock()
        self.server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self.server is not None
        port = self.server.server_address[1]
        return f"http://127.0.0.1:{port}"

    def called(self, method: str) -> list[dict[str, Any]]:
        return [payload for name, payload in self.calls if name == method]

    def sent_to(self, chat_id: int) -> list[dict[str, Any]]:
        return [p for p in self.called("sendMessage") if p.get("chat_id") == chat_id]

    def answer(self, method: str, payload: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        with self.lock:
            self.calls.append((method, payload))
            if self.down:
                return 502, {"ok": False, "error_code": 502, "description": "Bad Gateway"}
            if method == "getUpdates":
                offset = payload.get("offset") or 0
                self.updates = [u for u in self.updates if u["update_id"] >= offset]
                return 200, {"ok": True, "result": list(self.updates)}
            markup = payload.get("reply_markup") or {}
            for row in markup.get("inline_keyboard", []):
                for button in row:  # as Telegram does: BUTTON_DATA_INVALID
                    if len(button.get("callback_data", "").encode()) > 64:
                        return 400, {"ok": False, "description": "BUTTON_DATA_INVALID"}
            if method in ("sendMessage", "editMessageText"):
                self.next_message_id += 1
                return 200, {
                    "ok": True,
                    "result": {
                        "message_id": self.next_message_id,
                        "chat": {"id": payload.get("chat_id")},
                        "text": payload.get("text"),
                    },
                }
            return 200, {"ok": True, "result": True}


def _handler(api: FakeBotApi) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            payload = json.loads(self.rfile.read(length) or b"{}")
            prefix = f"/bot{TOKEN}/"
            if not self.path.startswith(prefix):
                status, body = 401, {"ok": False, "description": "Unauthorized"}
            else:
                status, body = api.answer(self.path[len(prefix) :], payload)
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: Any) -> None:
            pass

    return Handler


@pytest.fixture
def bot_api(settings):
    """The fake Bot API, with the channel configured to use it."""
    api = FakeBotApi()
    api.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(api))
    thread = threading.Thread(target=api.server.serve_forever, daemon=True)
    thread.start()
    settings.TELEGRAM_BOT_TOKEN = TOKEN
    settings.TELEGRAM_BOT_USERNAME = "educluster_test_bot"
    settings.TELEGRAM_WEBHOOK_SECRET = SECRET
    settings.TELEGRAM_API_URL = api.url
    yield api
    api.server.shutdown()
    api.server.server_close()
    thread.join(timeout=5)


CHATS = {
    "coordinator": 1001,
    "head": 1002,
    "faculty": 1003,
    "student": 1004,
    "mentor": 1005,
    "analyst": 1006,
    "admin": 1007,
    "outsider": 1008,
}


@pytest.fixture
def linked(cast, bot_api):
    """Link the named cast member's chat (chat ids in CHATS); returns the link."""
    from educluster.telegram.models import TelegramLink

    def make(name: str, language: str = "en") -> TelegramLink:
        user = cast[name]
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
        link, _created = TelegramLink.objects.update_or_create(
            user=user, defaults={"chat_id": CHATS[name]}
        )
        return link

    return make
