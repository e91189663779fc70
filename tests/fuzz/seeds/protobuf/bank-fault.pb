i
g
isocheck-historybank"serializable2
max_connections100PXdb
commitCOMMITjisocheck_bank_1 
**%#
killpostgres"SIGKILL backend( *öÿÿÿÿÿÿÿÿ*
 *<(*((=; (*öÿÿÿÿÿÿÿÿ*
240001:could not serialize
killpostgres(- 2**@ <*<(*(0@