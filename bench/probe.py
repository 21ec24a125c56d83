"""What a benchmark page records about itself, by its own clock.

An init script wraps the page's WebSocket so every frame Streamlit sends or receives is
timed with ``performance.now()`` (milliseconds since navigation) and, for the frames that
matter, kept for decoding here: BackMsgs (to find script reruns the browser asked for)
and small ForwardMsgs (to find ``script_finished``). Timing in the page avoids Playwright's
event delivery, which in the sync API lags until the next call.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

# ForwardMsgs larger than this are deltas; script_finished is a handful of bytes.
SMALL_FRAME = 256

INIT_SCRIPT = """
(() => {
  if (window !== window.top) { return; }
  const record = window.__bench = {sent: [], received: [], keydown: null, before: null};
  const encode = (data) => {
    const bytes = ArrayBuffer.isView(data)
      ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      : new Uint8Array(data);
    let text = "";
    for (let i = 0; i < bytes.length; i++) { text += String.fromCharCode(bytes[i]); }
    return btoa(text);
  };
  const size = (data) => (typeof data === "string" ? data.length : (data.byteLength ?? data.size ?? 0));
  const Native = window.WebSocket;
  class Recorded extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => {
        const bytes = size(event.data);
        const keep = bytes <= SMALL_FRAME_BYTES && event.data instanceof ArrayBuffer;
        record.received.push([performance.now(), bytes, keep ? encode(event.data) : null]);
      });
    }
    send(data) {
      const keep = data instanceof ArrayBuffer || ArrayBuffer.isView(data);
      record.sent.push([performance.now(), size(data), keep ? encode(data) : null]);
      super.send(data);
    }
  }
  window.WebSocket = Recorded;
  document.addEventListener("keydown", () => { record.keydown = performance.now(); }, true);
  // Every Leaflet region path in any streamlit-folium frame of this page.
  record.paths = () => {
    const found = [];
    for (const frame of document.querySelectorAll("iframe[title='streamlit_folium.st_folium']")) {
      try { found.push(...frame.contentDocument.querySelectorAll("path.leaflet-interactive")); } catch (error) {}
    }
    return found;
  };
  record.text = (prefix) => {
    for (const element of document.querySelectorAll("[data-testid=stMarkdownContainer]")) {
      if (element.textContent.startsWith(prefix)) { return element.textContent; }
    }
    return null;
  };
})();
""".replace("SMALL_FRAME_BYTES", str(SMALL_FRAME))


@dataclass(frozen=True)
class Frames:
    """The websocket frames of one page: (ms since navigation, bytes, decoded message)."""

    sent: list[tuple[float, int, BackMsg | None]]
    received: list[tuple[float, int, ForwardMsg | None]]

    @classmethod
    def read(cls, page: object) -> Frames:
        raw = page.evaluate("() => ({sent: window.__bench.sent, received: window.__bench.received})")  # type: ignore[attr-defined]
        return cls(
            sent=[(at, size, _decode(BackMsg, data)) for at, size, data in raw["sent"]],
            received=[(at, size, _decode(ForwardMsg, data)) for at, size, data in raw["received"]],
        )

    def bytes_received(self, until_ms: float = float("inf")) -> int:
        return sum(size for at, size, _ in self.received if at <= until_ms)

    def reruns(self, after_ms: float = 0.0) -> list[float]:
        """When the browser asked the server to run the script."""
        return [at for at, _, message in self.sent if at > after_ms and message and message.HasField("rerun_script")]

    def finished(self, after_ms: float = 0.0) -> list[float]:
        """When a script run's end reached the browser."""
        return [
            at for at, _, message in self.received if at > after_ms and message and message.HasField("script_finished")
        ]

    def server_time_ms(self, after_ms: float = 0.0) -> float | None:
        """From the first rerun request after ``after_ms`` to the next end of a run: the
        server's time for one script run, plus loopback."""
        requests = self.reruns(after_ms)
        if not requests:
            return None
        ends = self.finished(requests[0])
        return ends[0] - requests[0] if ends else None


def _decode(message_type: type, data: str | None) -> object | None:
    if data is None:
        return None
    try:
        return message_type.FromString(base64.b64decode(data))
    except Exception:  # a frame that is not this message type is simply not one we look for
        return None
