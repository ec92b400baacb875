# Config loading with defaults that ends in an uncaught KeyError for a missing required key.
DEFAULTS = {"host": "localhost", "port": 8080, "debug": False}

def parse_config(text):
    cfg = {}
    for lineno, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        key, _, value = line.partition("=")
        key, value = key.strip(), value.strip()
        if value.isdigit():
            value = int(value)
        elif value.lower() in ("true", "false"):
            value = value.lower() == "true"
        cfg[key] = value
        print(f"line {lineno}: {key} = {value!r}")
    return cfg

def merged(cfg):
    out = dict(DEFAULTS)
    for k, v in cfg.items():
        out[k] = v
    return out

text = """
# server settings
host = example.org
port = 9000   # custom port
debug = TRUE
name = shoal
"""
cfg = merged(parse_config(text))
for k in sorted(cfg):
    print(f"{k:>6}: {cfg[k]}")

def require(cfg, *keys):
    return [cfg[k] for k in keys]

print(require(cfg, "host", "port"))
print(require(cfg, "host", "database"))
