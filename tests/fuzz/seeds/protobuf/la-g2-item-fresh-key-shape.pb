Ù
Ò
isocheck-historylist-append"serializable*Knone: reconstructed by hand from the witnesses reported on PostgreSQL 15.18bK
isocheck_read_all6SELECT k, v FROM isocheck_g2_fresh_key_list ORDER BY kb+
begin"BEGIN ISOLATION LEVEL SERIALIZABLEb
commitCOMMITbJ
isocheck_read_one5SELECT v FROM isocheck_g2_fresh_key_list WHERE k = $1bô
isocheck_appendÖINSERT INTO isocheck_g2_fresh_key_list AS t (k, v) VALUES ($1, ARRAY[$2::bigint]) ON CONFLICT (k) DO UPDATE SET v = t.v || EXCLUDED.vbc
create_tableSCREATE TABLE isocheck_g2_fresh_key_list (k bigint PRIMARY KEY, v bigint[] NOT NULL)jisocheck_g2_fresh_key_list	 Ë* –* ∏** †* à'* .**! ÿ6*	"(*	"( ¿>**( ®F**@$"	 êN*
"(*	"(@