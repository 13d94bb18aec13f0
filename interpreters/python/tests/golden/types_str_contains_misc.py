def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

s = "The quick brown fox"
print("quick" in s, "Quick" in s, "" in s, " " in s, "fox" not in s, s.lower().count("o"), s.upper().find("BROWN"))
print(s.split()[::-1], " ".join(reversed(s.split())), s[::-1], s.swapcase(), s.replace(" ", "_").lower())
print(sum(1 for c in s if c in "aeiou"), sorted(set(s.lower()) - {" "})[:5], s.partition(" ")[2], s.rpartition(" ")[0])
