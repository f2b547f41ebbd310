# accordiff language data: Spanish. Format: README.md beside this file.

[commit]
acordaron
acordó
acuerdan
acordamos
acordaron también
convinieron en
convino en
convienen en
se comprometieron a
se comprometieron
se comprometió a
se comprometió
se comprometen a
se comprometen
se compromete a
nos comprometemos a
reiteraron su compromiso de
reiteraron su compromiso con
reafirmaron su compromiso de
refrendaron su compromiso de
asumieron el compromiso de
decidieron
decidió
resolvieron
resolvió
plantearon
planteó
anunciaron
anunció
determinaron
pactaron
acordamos
decidimos
reafirmamos nuestro compromiso de
reafirmamos nuestro compromiso con
reiteramos nuestro compromiso de
reiteramos nuestro compromiso con
estamos decididos a
seguimos dispuestos a
apoyamos
respaldamos
encomendamos a
se obligan a
se obligaron a
se propusieron
aprobaron
aprobó
adoptaron
adoptó
propusieron
propuso

[future]
*ará
*erá
*irá
*arán
*erán
*irán
*aremos
*eremos
*iremos

[future-not]
será
serán
estará
estarán
habrá
podrá
podrán
deberá
deberán
tendrá
tendrán
quedará
quedarán
seguirá
parecerá
para
clara
cara
vara
fuera
afuera
primera
tercera
cualquiera
frontera
carretera
manera
bandera
madera
espera
esfera
era
mira
tira
ira
gira
hora
ahora
ahorrará

[not-commit]
coincidieron en que
coincidió en que
coinciden en que
reconocieron que
subrayaron que
destacaron que
señalaron que
como se acordó
según lo acordado
lo acordado
acordado por
acordada por
acordados por
acordadas por
estuvo encabezada por
fue encabezada por
encabezada por

[skip]
también
además
asimismo
conjuntamente
igualmente
de manera conjunta
en conjunto
a
en
de
con
por
se
hoy
*mente

[join]
además de
así como
y a
y en
y de
, y
y

[lemma]
hará = hacer
harán = hacer
haremos = hacer
dará = dar
darán = dar
pondrá = poner
pondrán = poner
saldrá = salir
dirá = decir
propondrá = proponer
propondrán = proponer
mantendrá = mantener
mantendrán = mantener
obtendrá = obtener
sostendrá = sostener
establecerá = establecer
dar continuidad = continuar

[strength]
explorar = 1
considerar = 1
evaluar = 1
estudiar = 1
analizar = 1
examinar = 1
revisar = 1
valorar = 1
dialogar = 1
promover = 2
continuar = 2
mantener = 2
dar = 2
seguir = 2
impulsar = 2
apoyar = 2
avanzar = 2
reforzar = 3
fortalecer = 3
intensificar = 3
acelerar = 3
ampliar = 3
potenciar = 3
incrementar = 3
duplicar = 3
instalar = 4
implementar = 4
establecer = 4
crear = 4
adoptar = 4
desplegar = 4
construir = 4
publicar = 4
firmar = 4
entregar = 4
capacitar = 4
abrir = 4

[month]
enero = 1
febrero = 2
marzo = 3
abril = 4
mayo = 5
junio = 6
julio = 7
agosto = 8
septiembre = 9
setiembre = 9
octubre = 10
noviembre = 11
diciembre = 12

[period]
semestre
trimestre
año
años
mes
meses
semana
semanas
día
días
hora
horas
minutos
primavera
verano
otoño
invierno

[number]
uno = 1
una = 1
dos = 2
tres = 3
cuatro = 4
cinco = 5
seis = 6
siete = 7
ocho = 8
nueve = 9
diez = 10
once = 11
doce = 12
quince = 15
veinte = 20
treinta = 30
cuarenta = 40
cincuenta = 50
cien = 100
ciento = 100
doscientos = 200
trescientos = 300
quinientos = 500
mil = 1000
millón = 1000000
millones = 1000000
doble = 2
primer = 1
primero = 1
primera = 1
segundo = 2
segunda = 2
tercer = 3
tercero = 3
tercera = 3
cuarto = 4
cuarta = 4

[place-before]
en
desde
hacia
