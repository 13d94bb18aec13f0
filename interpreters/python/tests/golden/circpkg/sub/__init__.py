from .. import right as parent_right
print("sub init: parent right has PARTIAL:", hasattr(parent_right, "PARTIAL"))
