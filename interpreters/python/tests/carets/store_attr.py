o = object()
o.attr = 1
