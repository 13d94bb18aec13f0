# An uncaught RecursionError: the repeated frames fold into one line.
import sys
sys.setrecursionlimit(60)

def down(n):
    return down(n + 1)

def start():
    return down(0)

start()
