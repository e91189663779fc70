#
!
isocheck-historylist-append è** Ì* Ð**( ´* ¸** œ* ¬*   *
"(*	"( „ *_]	 è *:Lcould not serialize access due to read/write dependencies among transactions