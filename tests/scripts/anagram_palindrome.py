# Anagram grouping, palindrome detection, longest palindromic substring and character counts.
WORDS = ["listen", "silent", "enlist", "google", "gooegl", "cat", "act", "tac", "dog", "god", "odg", "bird"]

groups = {}
for w in WORDS:
    key = "".join(sorted(w))
    groups.setdefault(key, []).append(w)
for key in sorted(groups, key=lambda k: (-len(groups[k]), k)):
    print(f"{key:<8} {groups[key]}")

def is_palindrome(s):
    cleaned = [c.lower() for c in s if c.isalnum()]
    return cleaned == cleaned[::-1]

for s in ["A man, a plan, a canal: Panama", "race a car", "", "No 'x' in Nixon", "Was it a car or a cat I saw?"]:
    print(f"{s!r:36} {is_palindrome(s)}")

def longest_palindrome(s):
    best = ""
    for center in range(2 * len(s) - 1):
        lo, hi = center // 2, center // 2 + center % 2
        while lo >= 0 and hi < len(s) and s[lo] == s[hi]:
            lo -= 1
            hi += 1
        if hi - lo - 1 > len(best):
            best = s[lo + 1:hi]
    return best

for s in ["babad", "cbbd", "forgeeksskeegfor", "abacdfgdcaba", "x"]:
    print(s, "->", longest_palindrome(s))

def char_counts(s):
    counts = {}
    for c in s:
        counts[c] = counts.get(c, 0) + 1
    return counts

def can_permute_palindrome(s):
    return sum(1 for v in char_counts(s).values() if v % 2) <= 1

print([can_permute_palindrome(s) for s in ["carrace", "aab", "abc", "", "aabbccd"]])
c = char_counts("mississippi")
print(sorted(c.items()), max(c, key=lambda k: (c[k], k)))
