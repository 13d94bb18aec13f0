a and b; a or b; a and b or c and d; not a
a + b - c * d / e // f % g ** h @ i
a << b >> c & d | e ^ f
-a; +a; ~a; not not a; -a ** -b; (-a) ** b
a < b <= c > d >= e == f != g is h is not i in j not in k
a if b else c if d else e
f(); f(a, b); f(a, *b, c=1, **d); f(*a, *b, **c, **d); f(x for x in y); f(a)(b)(c)
a.b.c; a[b]; a[b, c]; a[b:c]; a[:]; a[::]; a[b:c:d]; a[:, 1:2, ...]; a[b,]; a[*b]; a[1:2, *c]
(a, b); (a,); (); [a, b]; []; {a, b}; {}; {a: b, **c, d: e}; {**a}
[x for x in y]; {x for x in y if x if y}; {k: v for k, v in d.items()}; (x for x in y)
[x for x in y for z in x if z]; [(x, y) for x in a for y in b]
await x; (yield); (yield x); (yield from x)
lambda: (yield)
x[a:=1]; x[(a := 1)]
a.b(c).d[e](f)
"a" "b".join(x)
1 .real
(a)
(((a, b)))
print(*args, sep='')
