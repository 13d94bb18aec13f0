from ..sub import helper
from .. import sub
RESULT = helper(21)
SAME = sub.helper is helper
