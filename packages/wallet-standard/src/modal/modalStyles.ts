// The modal's styles, inside its shadow root: the dapp's CSS cannot reach in and ours cannot leak out.
export const modalStyles = `
:host{all:initial;color-scheme:light dark;--bg:#fff;--fg:#15171a;--muted:#5b6270;--line:#dfe3ea;--accent:#4f46e5}
@media (prefers-color-scheme:dark){:host{--bg:#16181d;--fg:#f3f4f6;--muted:#a5acb9;--line:#2e323b;--accent:#8b85ff}}
.backdrop{position:fixed;inset:0;z-index:2147483647;display:grid;place-items:center;background:rgb(0 0 0/.55);font:15px/1.45 system-ui,sans-serif}
.dialog{box-sizing:border-box;width:min(92vw,360px);padding:20px;border-radius:16px;background:var(--bg);color:var(--fg);box-shadow:0 12px 40px rgb(0 0 0/.35);text-align:center}
h2{margin:0 0 4px;font-size:18px}
p{margin:0 0 12px;color:var(--muted)}
.qr{display:block;width:100%;max-width:280px;margin:0 auto 12px;border-radius:8px;background:#fff}
.code{margin:0 0 12px;font:600 24px/1.2 ui-monospace,monospace;letter-spacing:.2em}
.actions{display:flex;gap:8px;justify-content:center}
a,button{font:inherit;padding:8px 14px;border-radius:10px;border:1px solid var(--line);background:transparent;color:var(--fg);text-decoration:none;cursor:pointer}
a{background:var(--accent);border-color:var(--accent);color:#fff}
a:focus-visible,button:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
[hidden]{display:none}
`
