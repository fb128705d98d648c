#!/usr/bin/env python3
"""A loopback Telegram Bot API to walk through the bot by hand, without a phone or the internet.

    python3 Tools/telegram-sandbox.py [--port 8081] [--transcript FILE]
    TELEGRAM_BOT_TOKEN=1:SANDBOX TELEGRAM_API_URL=http://127.0.0.1:8081 opsbot run --db shop.sqlite

Type as the owner would in the private chat; the bot's messages print with their buttons numbered.
Lines starting with ":" act on the sandbox instead:
  :group / :private     type in the staff group or the private chat
  :staff / :owner       type as Sam (a member-to-be) or as Olive (the owner)
  :add                  add the bot to the staff group (a my_chat_member update)
  :file PATH            send a file as a document (a till export)
  :tap N                tap button N of the last message with buttons in this chat
  :time                 the time since the first message
  :quit
Answers as the Bot API documents: {"ok":true,"result":…}, update ids ascending, getUpdates long polling.
"""

import argparse
import json
import os
import re
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

BOT = {"id": 9, "is_bot": True, "first_name": "Corner", "username": "CornerCafeBot"}
USERS = {
    "owner": {"id": 5, "is_bot": False, "first_name": "Olive", "language_code": "en"},
    "staff": {"id": 6, "is_bot": False, "first_name": "Sam", "language_code": "en"},
}
GROUP = {"id": -1001, "type": "supergroup", "title": "Corner Café staff"}


class Sandbox:
    def __init__(self, transcript):
        self.lock = threading.Condition()
        self.updates = []
        self.next_update = 1
        self.next_message = 100
        self.files = {}
        self.keyboards = {}  # chat id -> (message id, [callback data])
        self.user = "owner"
        self.in_group = False
        self.started = None
        self.transcript = open(transcript, "a", encoding="utf-8") if transcript else None

    def log(self, line):
        stamp = "" if self.started is None else "[%6.1fs] " % (time.monotonic() - self.started)
        print("\r" + stamp + line, flush=True)
        if self.transcript:
            self.transcript.write(stamp + line + "\n")
            self.transcript.flush()

    def chat(self):
        if self.in_group:
            return GROUP
        user = USERS[self.user]
        return {"id": user["id"], "type": "private", "first_name": user["first_name"]}

    def post(self, kind, body):
        if self.started is None:
            self.started = time.monotonic()
        with self.lock:
            self.updates.append({"update_id": self.next_update, kind: body})
            self.next_update += 1
            self.lock.notify_all()

    def message(self, **fields):
        with self.lock:
            self.next_message += 1
            number = self.next_message
        return dict(message_id=number, date=int(time.time()), chat=self.chat(), **{"from": USERS[self.user]}, **fields)

    def poll(self, offset, timeout):
        deadline = time.monotonic() + timeout
        with self.lock:
            while True:
                ready = [u for u in self.updates if u["update_id"] >= offset]
                if ready or time.monotonic() >= deadline:
                    self.updates = ready
                    return ready
                self.lock.wait(deadline - time.monotonic())

    def sent(self, method, body):
        chat = int(body.get("chat_id", 0))
        where = "group" if chat < 0 else "chat %d" % chat
        with self.lock:
            self.next_message += 1
            number = self.next_message
        markup = body.get("reply_markup")
        if isinstance(markup, str):
            markup = json.loads(markup)
        buttons = [b for row in (markup or {}).get("inline_keyboard", []) for b in row]
        if method == "editMessageText":
            self.log("bot ✎ (%s, edits #%s) %s" % (where, body.get("message_id"), body.get("text", "")))
            number = int(body.get("message_id", 0))
        else:
            self.log("bot → (%s) %s" % (where, body.get("text", body.get("caption", "(a %s)" % method))))
        if buttons:
            self.keyboards[chat] = (number, [b.get("callback_data") or b.get("url") for b in buttons])
            self.log("      " + "  ".join("[%d %s]" % (i + 1, b.get("text")) for i, b in enumerate(buttons)))
        return number


def handler(sandbox, token):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def answer(self, result, status=200):
            data = json.dumps({"ok": status == 200, "result": result} if status == 200 else result).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            try:
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the bot stopped during a long poll

        def do_GET(self):
            prefix = "/file/bot%s/" % token
            if self.path.startswith(prefix) and self.path[len(prefix):] in sandbox.files:
                data = sandbox.files[self.path[len(prefix):]]
                self.send_response(200)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            else:
                self.answer({"ok": False, "error_code": 404, "description": "Not Found"}, 404)

        def do_POST(self):
            match = re.fullmatch(r"/bot([^/]+)/(\w+)", self.path)
            raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            if not match or match.group(1) != token:
                return self.answer({"ok": False, "error_code": 401, "description": "Unauthorized"}, 401)
            method = match.group(2)
            body = {}
            if self.headers.get("Content-Type", "").startswith("application/json") and raw:
                body = json.loads(raw)
            elif raw:
                found = re.search(rb'name="chat_id"\r\n\r\n(-?\d+)', raw)
                name = re.search(rb'filename="([^"]*)"', raw)
                body = {"chat_id": int(found.group(1)) if found else 0,
                        "caption": "(%s %s)" % (method, name.group(1).decode() if name else "")}
            if method == "getMe":
                return self.answer(BOT)
            if method == "getUpdates":
                return self.answer(sandbox.poll(int(body.get("offset", 0)), float(body.get("timeout", 0))))
            if method in ("sendMessage", "editMessageText", "sendDocument", "sendPhoto"):
                number = sandbox.sent(method, body)
                return self.answer({"message_id": number, "date": int(time.time()), "chat": {"id": body.get("chat_id")},
                                    "text": body.get("text", "")})
            if method == "answerCallbackQuery":
                if body.get("text"):
                    sandbox.log("bot ◌ (button notice) %s" % body["text"])
                return self.answer(True)
            if method == "getFile":
                file_id = body.get("file_id", "")
                if file_id not in sandbox.files:
                    return self.answer({"ok": False, "error_code": 400, "description": "Bad Request: invalid file_id"},
                                       400)
                return self.answer({"file_id": file_id, "file_unique_id": file_id, "file_path": file_id,
                                    "file_size": len(sandbox.files[file_id])})
            return self.answer(True)

    return Handler


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--token", default="1:SANDBOX")
    parser.add_argument("--transcript")
    arguments = parser.parse_args()
    sandbox = Sandbox(arguments.transcript)
    server = ThreadingHTTPServer(("127.0.0.1", arguments.port), handler(sandbox, arguments.token))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print("Bot API sandbox on http://127.0.0.1:%d — run the bot with TELEGRAM_BOT_TOKEN=%s TELEGRAM_API_URL=…"
          % (arguments.port, arguments.token))
    for line in sys.stdin:
        line = line.rstrip("\n")
        if not line:
            continue
        who = "%s%s" % (USERS[sandbox.user]["first_name"], " in the group" if sandbox.in_group else "")
        if not line.startswith(":"):
            sandbox.log("%s: %s" % (who, line))
            sandbox.post("message", sandbox.message(text=line))
            continue
        command, _, argument = line[1:].partition(" ")
        if command == "quit":
            break
        elif command in ("group", "private"):
            sandbox.in_group = command == "group"
        elif command in ("staff", "owner"):
            sandbox.user = command
        elif command == "add":
            sandbox.log("%s adds the bot to the group" % USERS[sandbox.user]["first_name"])
            member = lambda status: {"user": BOT, "status": status}
            sandbox.post("my_chat_member", {"chat": GROUP, "from": USERS[sandbox.user], "date": int(time.time()),
                                            "old_chat_member": member("left"), "new_chat_member": member("member")})
        elif command == "file":
            path = os.path.expanduser(argument)
            file_id = "F%d" % (len(sandbox.files) + 1)
            with open(path, "rb") as handle:
                sandbox.files[file_id] = handle.read()
            sandbox.log("%s sends the file %s" % (who, os.path.basename(path)))
            sandbox.post("message", sandbox.message(document={
                "file_id": file_id, "file_unique_id": file_id, "file_name": os.path.basename(path),
                "file_size": len(sandbox.files[file_id])}))
        elif command == "tap":
            chat = sandbox.chat()["id"]
            number, data = sandbox.keyboards.get(chat, (0, []))
            index = int(argument) - 1 if argument.isdigit() else -1
            if not 0 <= index < len(data):
                print("no button %s in this chat" % argument)
                continue
            sandbox.log("%s taps button %d (%s)" % (who, index + 1, data[index]))
            sandbox.post("callback_query", {
                "id": "cb%d" % sandbox.next_update, "from": USERS[sandbox.user], "chat_instance": "1",
                "message": {"message_id": number, "date": int(time.time()), "chat": sandbox.chat()},
                "data": data[index]})
        elif command == "time":
            sandbox.log("elapsed")
        else:
            print(__doc__)
    server.shutdown()


if __name__ == "__main__":
    main()
