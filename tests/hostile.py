"""Hostile strings for injection tests: each must show up as inert text wherever it lands."""

HOSTILE_STRINGS = [
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "`",
    "${alert(1)}",
    "javascript:alert(1)",
    '"><svg onload=alert(1)>',
    "![x](http://example.com/x.png)",
    "line\n\n![y](http://example.com/y.png)",  # a blank line ends an HTML block in markdown
    ":red[coloured] $x^2$",
    '=HYPERLINK("http://example.com")',
    "x" * 2000,
    "\u202eevil\u202c\u200bzero\u200dwidth",
    "🗺️ Cusco 🇵🇪",
]
