# A text adventure command parser driven by a script of commands.
ROOMS = {
    "hall": {"desc": "a long hall", "exits": {"north": "kitchen", "east": "study"}, "items": ["lamp"]},
    "kitchen": {"desc": "a smoky kitchen", "exits": {"south": "hall"}, "items": ["knife", "bread"]},
    "study": {"desc": "a quiet study", "exits": {"west": "hall"}, "items": []},
}
VERBS = ("go", "take", "drop", "look", "inventory", "quit")

def parse(line):
    words = line.lower().split()
    if not words:
        raise ValueError("say something")
    verb, *rest = words
    if verb not in VERBS:
        raise ValueError(f"I don't know how to {verb!r}")
    return verb, " ".join(rest) or None

def play(commands):
    room, inventory = "hall", []
    for line in commands:
        try:
            verb, obj = parse(line)
        except ValueError as e:
            print("?", e)
            continue
        here = ROOMS[room]
        if verb == "quit":
            print("bye")
            break
        elif verb == "look":
            print(f"You are in {here['desc']}. Exits: {', '.join(sorted(here['exits']))}.")
        elif verb == "go":
            if obj in here["exits"]:
                room = here["exits"][obj]
                print("You go", obj)
            else:
                print("You can't go", obj)
        elif verb == "take":
            if obj in here["items"]:
                here["items"].remove(obj)
                inventory.append(obj)
                print("Taken:", obj)
            else:
                print("No", obj, "here")
        elif verb == "drop" and obj in inventory:
            inventory.remove(obj)
            here["items"].append(obj)
            print("Dropped:", obj)
        elif verb == "inventory":
            print("You carry:", inventory or "nothing")
    return room, inventory

print(play(["look", "take lamp", "go north", "take bread", "dance", "", "go up",
            "inventory", "drop lamp", "look", "quit", "look"]))
