package io.rxbreak.controller.report.html;

/**
 * The frame every rxbreak HTML page shares: the head with the inline style sheet (no network, no script
 * that runs), the title, and the body's end.
 */
final class HtmlPage
{
    static final String STYLE = String.join("\n",
        ":root{--ink:#1d2433;--muted:#5c6577;--line:#dfe3ea;--bg:#f4f6f9}",
        "*{box-sizing:border-box}",
        "body{margin:0;font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;"
            + "color:var(--ink);background:var(--bg)}",
        "main{max-width:1320px;margin:0 auto;padding:20px 28px 40px}",
        "h1{font-size:26px;margin:6px 0 2px}h2{font-size:20px;margin:30px 0 6px}",
        "h3{font-size:16px;margin:0 0 4px}",
        ".sub{color:var(--muted);margin:0 0 10px}",
        ".badge{display:inline-block;padding:2px 10px;border-radius:12px;font-size:14px;font-weight:600;"
            + "vertical-align:middle;margin-left:8px}",
        ".complete{background:#d3f9d8;color:#2b8a3e}.interrupted{background:#fff3bf;color:#8a6100}"
            + ".failed{background:#ffe3e3;color:#c92a2a}",
        ".cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(230px,1fr));gap:12px;margin:14px 0}",
        ".card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px 16px}",
        ".card .k{color:var(--muted);font-size:13px;text-transform:uppercase;letter-spacing:.04em}",
        ".card .v{font-size:24px;font-weight:650;margin-top:2px}.card .n{color:var(--muted);font-size:13px}",
        ".panel{background:#fff;border:1px solid var(--line);border-radius:8px;padding:14px 18px;margin:10px 0}",
        ".chart{width:100%;height:auto;display:block}",
        ".pair{display:grid;grid-template-columns:1fr 1fr;gap:12px}",
        "svg text{font-family:system-ui,'DejaVu Sans',sans-serif}svg .tick{font-size:12px;fill:#5c6577}",
        "svg .axis{font-size:13px;fill:#1d2433}svg .legend{font-size:13px;fill:#1d2433}",
        "svg .mark{font-size:13px;font-weight:600}",
        ".swatch{display:inline-block;width:14px;height:14px;border-radius:3px;vertical-align:-2px;"
            + "margin-right:6px;border:1px solid #0002}",
        ".layer{margin:10px 0 14px}.layer .name{font-weight:650}.why{margin:2px 0 0 20px}",
        ".why b{display:inline-block;width:64px;color:var(--muted);font-weight:500}",
        ".bar{height:8px;background:#edf0f4;border-radius:4px;margin:4px 0 0 20px;max-width:520px}",
        ".bar span{display:block;height:8px;border-radius:4px}",
        "table{border-collapse:collapse;width:100%;font-size:13px;background:#fff}",
        "th,td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}",
        "th{background:#eef1f5;position:sticky;top:0}td.num,th.num{text-align:right;"
            + "font-variant-numeric:tabular-nums}",
        "tr.FAIL td{background:#fff5f5}tr.INVALID td{background:#f3f3f3;color:#666}",
        "code,pre{font-family:ui-monospace,'DejaVu Sans Mono',monospace;font-size:13px}",
        "pre{background:#1d2433;color:#e9ecef;padding:10px 14px;border-radius:6px;white-space:pre-wrap;"
            + "word-break:break-all}",
        ".kv td:first-child{color:var(--muted);width:260px}",
        ".up{color:#2b8a3e}.down{color:#c92a2a}",
        "footer{color:var(--muted);font-size:12px;margin-top:30px}");

    private HtmlPage()
    {
    }

    static void open(final StringBuilder html, final String title)
    {
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
            .append("style-src 'unsafe-inline'; img-src data:\">\n")
            .append("<title>").append(Html.escape(title)).append("</title>\n<style>\n").append(STYLE)
            .append("\n</style>\n</head>\n<body>\n<main>\n");
    }

    static void close(final StringBuilder html, final String footer)
    {
        html.append("<footer>").append(Html.escape(footer)).append("</footer>\n</main>\n</body>\n</html>\n");
    }
}
