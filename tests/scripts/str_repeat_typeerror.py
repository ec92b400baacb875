# Repeating a string by a string count: uncaught TypeError with CPython's message.
width = "3"
print("-" * 3)
print("=" * width)
