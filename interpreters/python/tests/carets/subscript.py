table = {"x": [10, 20]}
row = table["x"]
print(row[0] + row[5])
