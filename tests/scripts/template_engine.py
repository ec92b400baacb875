# A mini template engine: {{ var }} substitution with filters, {% for %} loops and {% if %} blocks.
FILTERS = {
    "upper": lambda v: str(v).upper(),
    "lower": lambda v: str(v).lower(),
    "title": lambda v: str(v).title(),
    "len": lambda v: len(v),
    "money": lambda v: f"${v:,.2f}",
}

def lookup(ctx, path):
    value = ctx
    for part in path.split("."):
        if isinstance(value, dict):
            value = value[part]
        else:
            value = getattr(value, part)
    return value

def render_expr(expr, ctx):
    name, *filters = [p.strip() for p in expr.split("|")]
    value = lookup(ctx, name)
    for f in filters:
        value = FILTERS[f](value)
    return str(value)

def tokenize(src):
    tokens, i = [], 0
    while i < len(src):
        j = src.find("{", i)
        if j == -1 or j + 1 >= len(src) or src[j + 1] not in "{%":
            k = len(src) if j == -1 else j + 1
            tokens.append(("text", src[i:k]))
            i = k
            continue
        if j > i:
            tokens.append(("text", src[i:j]))
        close = "}}" if src[j + 1] == "{" else "%}"
        end = src.index(close, j)
        tokens.append(("var" if close == "}}" else "tag", src[j + 2:end].strip()))
        i = end + 2
    return tokens

def render(tokens, ctx):
    out, i = [], 0
    while i < len(tokens):
        kind, val = tokens[i]
        if kind == "text":
            out.append(val)
        elif kind == "var":
            out.append(render_expr(val, ctx))
        else:
            words = val.split()
            depth, j = 1, i + 1
            while depth:
                k2, v2 = tokens[j]
                if k2 == "tag" and v2.split()[0] in ("for", "if"):
                    depth += 1
                elif k2 == "tag" and v2.split()[0] in ("endfor", "endif"):
                    depth -= 1
                j += 1
            body = tokens[i + 1:j - 1]
            if words[0] == "for":
                for item in lookup(ctx, words[3]):
                    inner = dict(ctx)
                    inner[words[1]] = item
                    out.append(render(body, inner))
            elif words[0] == "if":
                if lookup(ctx, words[1]):
                    out.append(render(body, ctx))
            i = j
            continue
        i += 1
    return "".join(out)

TEMPLATE = """Dear {{ customer.name | title }},
{% if vip %}Thank you for being a VIP!
{% endif %}Your order #{{ order_id }} has {{ items | len }} items:
{% for it in items %}  - {{ it.name | upper }}: {{ it.price | money }}
{% endfor %}Total: {{ total | money }}
"""
items = [{"name": "lamp", "price": 49.5}, {"name": "desk", "price": 1249.0}, {"name": "pen", "price": 1.25}]
ctx = {"customer": {"name": "ada lovelace"}, "vip": True, "order_id": 1042, "items": items,
       "total": sum(i["price"] for i in items)}
print(render(tokenize(TEMPLATE), ctx), end="")
ctx["vip"] = False
ctx["items"] = items[:1]
print(render(tokenize(TEMPLATE), ctx), end="")
try:
    render(tokenize("{{ missing }}"), {})
except KeyError as e:
    print("KeyError:", e)
