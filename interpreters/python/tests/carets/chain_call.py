d = {}
d.get('a').upper()
