"""Language and authority data: what the texts' words mean, kept as data and read into frozen values.

- :mod:`.words`: clause verbs with their forms and modifiers, ordinals, months;
- :mod:`.dates`: dates as the texts print them ("21 December 2009", "on 19 December 2023");
- :mod:`.authority`: the authority files of ``mapper/lexicon/data/`` (bodies, groups, instruments, events,
  places, topics) loaded into an :class:`~.authority.Authorities` value, checked when they load.

Nothing here reads a resolution; :mod:`mapper.parse` and :mod:`mapper.extract` read with it.
"""
