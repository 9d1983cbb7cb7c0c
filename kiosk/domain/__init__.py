"""Pure domain rules of the pass Culture, with no I/O.

Glossary of the French words the code and the screens use:

- **pass Culture**: the French state's culture credit for young people.
- **borne**: the kiosk itself.
- **médiathèque**: a public library with media; the usual host of a borne.
- **éligible / éligibilité**: whether a young person can get the pass now.
- **crédit**: the money on the pass, in euros (cents on the wire).
- **offre**: something a partner publishes (a book, a concert seat...).
- **lieu**: a venue, where an offer is published or takes place.
- **conseiller·e**: a staff member of the venue who helps in assisted mode.
- **inscription / préinscription**: registration, and the part the kiosk starts.
- **département**: French administrative area; gives the time zone of a postal code.
- **quotient familial (QF)**: the family income index that opens the bonus.
- **mode formation**: training mode, on the local simulator.
"""
