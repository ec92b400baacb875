# A JSON-like pretty printer.
def render(value, indent=0):
    pad = "  " * indent
    if isinstance(value, dict):
        if not value:
            return "{}"
        lines = ["{"]
        items = list(value.items())
        for i, (k, v) in enumerate(items):
            comma = "," if i < len(items) - 1 else ""
            lines.append(f'{pad}  "{k}": {render(v, indent + 1)}{comma}')
        lines.append(pad + "}")
        return "\n".join(lines)
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        inner = [render(v, indent + 1) for v in value]
        if all([isinstance(v, (int, float, str)) for v in value]):
            return "[" + ", ".join(inner) + "]"
        return "[\n" + ",\n".join([pad + "  " + x for x in inner]) + "\n" + pad + "]"
    if isinstance(value, str):
        return '"' + value.replace('"', '\\"') + '"'
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)

doc = {
    "name": "shoal",
    "version": 1.5,
    "tags": ["game", "server"],
    "stable": False,
    "owner": None,
    "deps": [{"name": "bevy", "features": []}, {"name": "egui", "quote": 'say "hi"'}],
    "empty": {},
}
print(render(doc))
