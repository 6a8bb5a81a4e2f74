# "July 24, 2023", as the CARE text writes dates.
DATE_FORMAT = "F j, Y"
TIME_FORMAT = "g:i A"
DATETIME_FORMAT = "F j, Y, g:i A"
SHORT_DATE_FORMAT = "m/d/Y"
