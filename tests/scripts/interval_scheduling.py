# Interval problems: merging ranges, meeting-room count, greedy scheduling and free-slot search.
def merge(intervals):
    out = []
    for start, end in sorted(intervals):
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return out

def rooms_needed(meetings):
    events = []
    for s, e in meetings:
        events.append((s, 1))
        events.append((e, -1))
    events.sort()
    cur = best = 0
    for _, delta in events:
        cur += delta
        best = max(best, cur)
    return best

def max_nonoverlapping(intervals):
    chosen, last_end = [], None
    for s, e in sorted(intervals, key=lambda iv: (iv[1], iv[0])):
        if last_end is None or s >= last_end:
            chosen.append((s, e))
            last_end = e
    return chosen

def free_slots(busy, day_start, day_end, min_len):
    slots, cursor = [], day_start
    for s, e in merge(busy):
        if s - cursor >= min_len:
            slots.append((cursor, s))
        cursor = max(cursor, e)
    if day_end - cursor >= min_len:
        slots.append((cursor, day_end))
    return slots

def hhmm(m):
    return f"{m // 60:02d}:{m % 60:02d}"

print(merge([(1, 3), (2, 6), (8, 10), (15, 18), (17, 20), (9, 11)]))
print(merge([(1, 4), (4, 5)]), merge([]), merge([(5, 7)]))
meetings = [(540, 600), (555, 630), (600, 660), (615, 700), (720, 780), (690, 735)]
print("rooms:", rooms_needed(meetings))
print([(hhmm(s), hhmm(e)) for s, e in max_nonoverlapping(meetings)])
for s, e in free_slots(meetings, 480, 1020, 30):
    print(f"free {hhmm(s)}-{hhmm(e)} ({e - s} min)")
