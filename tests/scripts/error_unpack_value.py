# Parsing key=value settings; a line with too many separators fails tuple unpacking with ValueError.
LINES = ["width=80", "height=24", "title=Shoal", "mode=a=b"]
settings = {}
for line in LINES[:3]:
    key, value = line.split("=")
    settings[key] = int(value) if value.isdigit() else value
print(settings)
print(settings["width"] * settings["height"])
for line in LINES:
    key, value = line.split("=")
    print("parsed", key)
