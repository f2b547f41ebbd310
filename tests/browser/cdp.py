"""A small Chrome DevTools Protocol client in the Python standard library: starts a
headless Chromium of its own (fresh profile, no network services), speaks CDP over one
WebSocket (RFC 6455, written by hand) with flattened sessions, and bounds every wait.

    with Browser("/usr/bin/chromium") as b:
        page = b.new_page()
        page.open("file:///tmp/report.html")
"""
import base64
import json
import os
import shutil
import signal
import socket
import struct
import subprocess
import tempfile
import time
import urllib.parse

# Chromium as root in a container, with nothing that reaches the network by itself.
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--no-default-browser-check",
    "--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio",
    "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
    "--remote-allow-origins=*",
]


class CDPError(RuntimeError):
    pass


class WebSocket:
    """A client WebSocket for text messages, enough for CDP on the loopback."""

    def __init__(self, url, timeout):
        u = urllib.parse.urlparse(url)
        self.sock = socket.create_connection((u.hostname, u.port), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        req = ("GET %s HTTP/1.1\r\nHost: %s:%d\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
               "Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n"
               % (u.path or "/", u.hostname, u.port, key))
        self.sock.sendall(req.encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise CDPError("WebSocket handshake: connection closed")
            head += chunk
        status = head.split(b"\r\n", 1)[0]
        if b" 101 " not in status:
            raise CDPError("WebSocket handshake refused: %r" % status)
        self.buf = bytearray(head.split(b"\r\n\r\n", 1)[1])

    def settimeout(self, t):
        self.sock.settimeout(max(t, 0.01))

    def _exact(self, n):
        while len(self.buf) < n:
            chunk = self.sock.recv(max(65536, n - len(self.buf)))
            if not chunk:
                raise CDPError("WebSocket closed by the browser")
            self.buf += chunk
        out = bytes(self.buf[:n])
        del self.buf[:n]
        return out

    def _frame(self, opcode, payload):
        head = bytes([0x80 | opcode])
        n = len(payload)
        if n < 126:
            head += bytes([0x80 | n])
        elif n < 65536:
            head += bytes([0x80 | 126]) + struct.pack(">H", n)
        else:
            head += bytes([0x80 | 127]) + struct.pack(">Q", n)
        mask = os.urandom(4)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.sock.sendall(head + mask + masked)

    def send(self, text):
        self._frame(0x1, text.encode("utf-8"))

    def recv(self):
        message = b""
        while True:
            b0, b1 = self._exact(2)
            opcode, n = b0 & 0x0F, b1 & 0x7F
            if n == 126:
                n = struct.unpack(">H", self._exact(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", self._exact(8))[0]
            mask = self._exact(4) if b1 & 0x80 else None
            data = self._exact(n)
            if mask:
                data = bytes(b ^ mask[i % 4] for i, b in enumerate(data))
            if opcode == 0x9:
                self._frame(0xA, data)
                continue
            if opcode == 0x8:
                raise CDPError("WebSocket closed by the browser")
            if opcode in (0x0, 0x1, 0x2):
                message += data
                if b0 & 0x80:
                    return message.decode("utf-8")

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


class Page:
    """A tab, attached as a flattened session: calls and events carry its sessionId."""

    def __init__(self, browser, target_id, session_id):
        self.browser, self.target_id, self.session = browser, target_id, session_id

    def call(self, method, timeout=30, **params):
        return self.browser.call(method, params, self.session, timeout)

    def wait_event(self, method, timeout=30):
        return self.browser.wait_event(method, self.session, timeout)

    def events(self, method):
        return [e["params"] for e in self.browser.events
                if e.get("sessionId") == self.session and e["method"] == method]

    def open(self, url, timeout=30):
        """Navigates to url and returns once that document has fired its load event. A new
        tab's own about:blank can fire its load event late (a loaded machine, after
        Page.enable): the load events so far are set aside, and a load event only counts
        when the document that fired it is url, complete."""
        for e in self.browser.events:
            if e.get("sessionId") == self.session and e["method"] == "Page.loadEventFired":
                e["_used"] = True
        deadline = time.monotonic() + timeout
        self.call("Page.navigate", timeout, url=url)
        while True:
            self.wait_event("Page.loadEventFired", max(1, deadline - time.monotonic()))
            if self.evaluate("decodeURI(location.href) + ' ' + document.readyState") == \
                    urllib.parse.unquote(url) + " complete":
                return

    def evaluate(self, expression, timeout=30):
        r = self.call("Runtime.evaluate", timeout, expression=expression, returnByValue=True,
                      awaitPromise=True)
        if "exceptionDetails" in r:
            d = r["exceptionDetails"]
            raise CDPError("evaluate: %s" % (d.get("exception", {}).get("description")
                                              or d.get("text")))
        return r["result"].get("value")

    def key(self, key):
        """Presses and releases one printable key, as a person would."""
        code = "Key" + key.upper() if key.isalpha() else key
        vk = ord(key.upper())
        self.call("Input.dispatchKeyEvent", type="keyDown", key=key, code=code, text=key,
                  unmodifiedText=key, windowsVirtualKeyCode=vk, nativeVirtualKeyCode=vk)
        self.call("Input.dispatchKeyEvent", type="keyUp", key=key, code=code,
                  windowsVirtualKeyCode=vk, nativeVirtualKeyCode=vk)

    def click_at(self, x, y):
        for t in ("mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", type=t, x=x, y=y, button="left", clickCount=1)

    def screenshot(self, path, full_page=False):
        params = {"format": "png"}
        if full_page:
            m = self.call("Page.getLayoutMetrics")
            size = m.get("cssContentSize") or m["contentSize"]
            params.update(captureBeyondViewport=True,
                          clip={"x": 0, "y": 0, "width": size["width"],
                                "height": min(size["height"], 12000), "scale": 1})
        data = self.call("Page.captureScreenshot", 60, **params)["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))

    def close(self):
        self.browser.call("Target.closeTarget", {"targetId": self.target_id})


class Browser:
    def __init__(self, chromium, log_path=None, startup_timeout=30):
        self.profile = tempfile.mkdtemp(prefix="accordiff-chromium-")
        self.log = open(log_path or os.devnull, "wb")
        self.proc = subprocess.Popen(
            [chromium] + CHROMIUM_FLAGS + ["--user-data-dir=" + self.profile, "about:blank"],
            stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log, start_new_session=True)
        self.events = []
        self.next_id = 0
        port_file = os.path.join(self.profile, "DevToolsActivePort")
        deadline = time.monotonic() + startup_timeout
        while True:
            if self.proc.poll() is not None:
                self.close()
                raise CDPError("chromium exited with status %d at start" % self.proc.returncode)
            if os.path.exists(port_file):
                lines = open(port_file).read().split("\n")
                if len(lines) >= 2 and lines[1]:
                    break
            if time.monotonic() > deadline:
                self.close()
                raise CDPError("chromium did not open its DevTools port in %ds" % startup_timeout)
            time.sleep(0.05)
        port, path = lines[0].strip(), lines[1].strip()
        self.ws = WebSocket("ws://127.0.0.1:%s%s" % (port, path), startup_timeout)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _read(self, deadline):
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        self.ws.settimeout(left)
        try:
            return json.loads(self.ws.recv())
        except socket.timeout:
            raise TimeoutError

    def call(self, method, params=None, session=None, timeout=30):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        self.ws.send(json.dumps(msg))
        deadline = time.monotonic() + timeout
        while True:
            try:
                m = self._read(deadline)
            except TimeoutError:
                raise CDPError("%s: no answer in %ss" % (method, timeout))
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise CDPError("%s: %s" % (method, m["error"].get("message")))
                return m.get("result", {})
            if "method" in m:
                self.events.append(m)

    def wait_event(self, method, session=None, timeout=30):
        deadline = time.monotonic() + timeout
        seen = 0
        while True:
            for e in self.events[seen:]:
                if e["method"] == method and e.get("sessionId") == session and not e.get("_used"):
                    e["_used"] = True
                    return e["params"]
            seen = len(self.events)
            try:
                m = self._read(deadline)
            except TimeoutError:
                raise CDPError("no %s in %ss" % (method, timeout))
            if "method" in m:
                self.events.append(m)

    def new_page(self, width=1280, height=900, scale=1, mobile=False):
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget",
                            {"targetId": target, "flatten": True})["sessionId"]
        page = Page(self, target, session)
        for domain in ("Page", "Runtime", "Network", "Log", "DOM"):
            page.call(domain + ".enable")
        page.call("Emulation.setDeviceMetricsOverride", width=width, height=height,
                  deviceScaleFactor=scale, mobile=mobile)
        return page

    def close(self):
        if getattr(self, "ws", None):
            self.ws.close()
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
                self.proc.wait(timeout=5)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                try:
                    os.killpg(self.proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                self.proc.wait(timeout=5)
        self.log.close()
        shutil.rmtree(self.profile, ignore_errors=True)
