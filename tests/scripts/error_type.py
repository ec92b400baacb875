print("before")
x = "a" + 1
