#
!
isocheck-historylist-append	 è* Ü*:rolled back Ð* Ä*	"(