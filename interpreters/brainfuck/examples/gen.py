#!/usr/bin/env python3
"""Generate the larger example programs of this folder from a few building
blocks (cells at fixed places, the generator tracks the tape pointer).

    python3 gen.py        # rewrites squares.b, fib.b and squares_bench.b

Every loop it writes starts and ends on its own cell, so the brackets it
emits always balance. Numbers are kept in decimal, one digit (0..9) per
cell, least significant digit first.
"""


class Gen:
    def __init__(self):
        self.code = []
        self.ptr = 0
        self.free = []
        self.next_cell = 0

    def cells(self, n):
        first = self.next_cell
        self.next_cell += n
        return list(range(first, first + n))

    def temp(self):
        return self.free.pop() if self.free else self.cells(1)[0]

    def release(self, *cells):
        self.free.extend(cells)

    def at(self, c):
        d = c - self.ptr
        self.code.append(">" * d if d > 0 else "<" * -d)
        self.ptr = c

    def add(self, c, k):
        self.at(c)
        k %= 256
        self.code.append("+" * k if k <= 128 else "-" * (256 - k))

    def emit(self, text):
        self.code.append(text)

    def loop(self, c, body):
        self.at(c)
        self.emit("[")
        body()
        self.at(c)
        self.emit("]")

    def clear(self, c):
        """Set a cell holding 0..128 to 0."""
        self.at(c)
        self.emit("[-]")

    def clear_up(self, c):
        """Set a cell holding 0 or 246..255 to 0 by counting up."""
        self.at(c)
        self.emit("[+]")

    def move_add(self, src, dsts):
        """dst += src for every dst; src becomes 0."""
        def body():
            self.add(src, -1)
            for d in dsts:
                self.add(d, 1)
        self.loop(src, body)

    def copy(self, src):
        """A fresh temp holding src's value (src unchanged)."""
        dst, tmp = self.temp(), self.temp()
        self.move_add(src, [dst, tmp])
        self.move_add(tmp, [src])
        self.release(tmp)
        return dst

    def if_zero_consume(self, t, body):
        """Run body if t (0 or 246..255) is 0; t ends 0 either way."""
        flag = self.temp()
        self.add(flag, 1)

        def not_zero():
            self.add(flag, -1)
            self.clear_up(t)
        self.loop(t, not_zero)

        def then():
            body()
            self.add(flag, -1)
        self.loop(flag, then)
        self.release(flag)

    def inc(self, digits, j):
        """Add one at digit j of a decimal number, carrying upwards."""
        self.add(digits[j], 1)
        if j + 1 == len(digits):
            return
        t = self.copy(digits[j])
        self.add(t, -10)

        def carry():
            self.clear(digits[j])
            self.inc(digits, j + 1)
        self.if_zero_consume(t, carry)
        self.release(t)

    def add_number(self, total, addend):
        """total += addend, both decimal with as many digits."""
        for j, d in enumerate(addend):
            t = self.copy(d)

            def once(t=t, j=j):
                self.add(t, -1)
                self.inc(total, j)
            self.loop(t, once)
            self.release(t)

    def print_number(self, digits):
        """Print a decimal number without leading zeros, then a newline."""
        started = self.temp()
        for j in reversed(range(len(digits))):
            if j == 0:
                self.clear(started)
                self.add(started, 1)
            else:
                t = self.copy(digits[j])

                def nonzero(t=t):
                    self.clear(started)
                    self.add(started, 1)
                    self.clear(t)
                self.loop(t, nonzero)
                self.release(t)
            u = self.copy(started)

            def show(u=u, d=digits[j]):
                self.add(d, 48)
                self.emit(".")
                self.add(d, -48)
                self.clear(u)
            self.loop(u, show)
            self.release(u)
        self.clear(started)
        self.add(started, 10)
        self.emit(".")
        self.clear(started)
        self.release(started)

    def repeat(self, times, body):
        """Run body times times (times = a * b with a, b < 256)."""
        a, b = factor(times)
        outer, inner = self.cells(2)
        self.add(outer, a)

        def outer_body():
            self.add(inner, b)

            def inner_body():
                body()
                self.add(inner, -1)
            self.loop(inner, inner_body)
            self.add(outer, -1)
        self.loop(outer, outer_body)

    def text(self, width=72):
        code = "".join(self.code)
        return "\n".join(code[i:i + width] for i in range(0, len(code), width)) + "\n"


def factor(n):
    for a in range(1, 256):
        if n % a == 0 and n // a < 256:
            return a, n // a
    raise ValueError(f"{n} is not a product of two numbers below 256")


def squares(n, digits):
    """The squares of 0..n, one per line: each is the last plus an odd number."""
    g = Gen()
    square, odd = g.cells(digits), g.cells(digits)
    g.add(odd[0], 1)
    g.print_number(square)

    def step():
        g.add_number(square, odd)
        g.inc(odd, 0)
        g.inc(odd, 0)
        g.print_number(square)
    g.repeat(n, step)
    return g


def fib(n, digits):
    """The first n + 2 Fibonacci numbers, one per line."""
    g = Gen()
    a, b = g.cells(digits), g.cells(digits)
    g.add(b[0], 1)
    g.print_number(a)
    g.print_number(b)

    def step():
        # a, b = b, a + b, as: a += b; swap by printing and adding the other way
        g.add_number(a, b)
        g.print_number(a)
        g.add_number(b, a)
        g.print_number(b)
    g.repeat(n // 2, step)
    return g


HEADER = """\
{title}
Generated by the gen script in this folder: run it with python3
This text is a comment since it holds none of the eight commands
"""

COMMANDS = set("+-<>.,[]")

if __name__ == "__main__":
    progs = [
        ("squares.b", "The squares of 0 to 300 in decimal one per line",
         squares(300, 6), None),
        ("fib.b", "The first 42 Fibonacci numbers in decimal one per line",
         fib(40, 9), None),
        ("squares_bench.b", "The squares of 0 to 40000 in decimal one per line: a benchmark",
         squares(40000, 10), None),
    ]
    for name, title, g, _ in progs:
        with open(name, "w") as f:
            header = HEADER.format(title=title)
            assert not COMMANDS & set(header), header
            f.write(header + "\n" + g.text())
    # the expected outputs, computed directly
    with open("squares.out", "w") as f:
        f.write("".join(f"{i * i}\n" for i in range(301)))
    x, y, out = 0, 1, []
    for _ in range(42):
        out.append(x)
        x, y = y, x + y
    with open("fib.out", "w") as f:
        f.write("".join(f"{v}\n" for v in out))
