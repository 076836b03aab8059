#!/usr/bin/env python3
"""Build the hold_ruen / hold_enru hold-out sets (hand-written sentences).

Each item: (src, tgt, orig_category, span) ; orig_category None = clean.
span: "text" (must occur exactly once in tgt) or ("context", "sub") where the
context occurs once in tgt and sub is located inside it.
"""
import json, random, collections, os

HERE = os.path.dirname(os.path.abspath(__file__))

CAT = {
    # ru->en grammar
    "article_en": "grammar", "agreement_en": "grammar", "missing_verb": "grammar",
    # ru->en awkward
    "calqued_word_order": "awkward", "genitive_chain": "awkward",
    "calque_phrase": "awkward", "literal_idiom": "awkward",
    # en->ru grammar
    "agreement_ru": "grammar", "case_ru": "grammar", "verb_form_ru": "grammar",
    # accuracy
    "omission": "accuracy", "negation": "accuracy", "antonym": "accuracy",
    "wrong_name": "accuracy", "wrong_number": "accuracy",
    # surface
    "typo_en": "spelling", "typo_ru": "spelling",
    "punctuation_en": "punctuation", "punctuation_ru": "punctuation",
    "number_format": "number", "number_mismatch": "number",
    "lowercase_proper_noun": "capitalization", "wrong_capital_ru": "capitalization",
}

RUEN = [
    # ---------------- clean but tricky ----------------
    ("Центробанк сохранил ключевую ставку на уровне 16% годовых, сообщила пресс-служба регулятора.",
     "The Central Bank kept its key rate at 16% per annum, the regulator's press service said.", None, None),
    ("Выручка компании за 2023 год выросла на 12,5% и составила 3,4 млрд рублей.",
     "The company's revenue for 2023 rose by 12.5% to 3.4 billion roubles.", None, None),
    ("Мэр Екатеринбурга Алексей Орлов открыл новый мост через реку Исеть.",
     "Yekaterinburg Mayor Alexei Orlov opened a new bridge over the Iset River.", None, None),
    ("Головная боль для автомобилистов: ремонт Садового кольца продлится до осени.",
     "A headache for motorists: repairs on the Garden Ring will last until autumn.", None, None),
    ("«Мы не собираемся повышать тарифы в этом году», — заявил глава «Мосэнерго».",
     "“We have no plans to raise tariffs this year,” said the head of Mosenergo.", None, None),
    ("Наводнение в Приморье: более 2 тыс. жителей эвакуированы из подтопленных домов",
     "Floods in Primorye: more than 2,000 residents evacuated from flooded homes", None, None),
    ("Новый iPhone поступит в продажу в России не раньше марта.",
     "The new iPhone will not go on sale in Russia until March.", None, None),
    ("Он съел собаку в вопросах налогового права, так что спорить с ним бесполезно.",
     "He knows tax law inside out, so there is no point arguing with him.", None, None),
    ("В Якутске температура воздуха опустилась до минус 52 градусов.",
     "In Yakutsk, the air temperature dropped to minus 52 degrees.", None, None),
    ("ВВП Казахстана в первом полугодии вырос на 4,1% в годовом выражении.",
     "Kazakhstan's GDP grew by 4.1% year on year in the first half.", None, None),
    ("Московское дерби «Спартак» — ЦСКА в субботу завершилось нулевой ничьей на глазах у 40 тысяч зрителей.",
     "Saturday's Moscow derby between Spartak and CSKA ended in a goalless draw in front of 40,000 spectators.", None, None),
    ("«Без труда не выловишь и рыбку из пруда», — любит повторять наш тренер.",
     "“No pain, no gain,” as our coach is fond of saying.", None, None),
    ("Рейс SU 1402 задержан на три часа из-за снегопада в Шереметьеве.",
     "Flight SU 1402 has been delayed by three hours due to snowfall at Sheremetyevo.", None, None),
    ("Площадь квартиры — 54 кв. м, а до метро десять минут пешком.",
     "The flat is 54 square metres and a ten-minute walk from the metro.", None, None),
    ("Дело пахнет керосином: акционеры требуют отставки всего совета директоров.",
     "Trouble is brewing: shareholders are demanding the resignation of the entire board of directors.", None, None),
    ("Президент Франции Эмманюэль Макрон прибудет в Пекин с трёхдневным визитом.",
     "French President Emmanuel Macron will arrive in Beijing on a three-day visit.", None, None),
    ("По данным Росстата, инфляция в октябре замедлилась до 0,8% в месячном выражении.",
     "According to Rosstat, inflation slowed to 0.8% month on month in October.", None, None),
    ("Скидки до 70% на зимнюю одежду — только в эти выходные!",
     "Up to 70% off winter clothing — this weekend only!", None, None),
    ("Не вешай нос: экзамен можно пересдать уже в следующем месяце.",
     "Chin up: you can retake the exam as early as next month.", None, None),
    ("Компания «Северсталь» сократила выплавку стали на 7% по сравнению с прошлым годом.",
     "Severstal cut its steel output by 7% compared with last year.", None, None),
    ("Эксперты дали жителям несколько полезных советов по экономии электроэнергии.",
     "Experts gave residents some useful advice on saving electricity.", None, None),
    ("Расстояние от Москвы до Казани по трассе М-12 составляет около 800 км.",
     "The distance from Moscow to Kazan along the M-12 motorway is about 800 km.", None, None),
    ("Глава МИД России Сергей Лавров провёл телефонный разговор с госсекретарём США.",
     "Russian Foreign Minister Sergei Lavrov held a telephone conversation with the US Secretary of State.", None, None),
    ("Собрание жильцов перенесли на вторник, 14 ноября, на 19:00.",
     "The residents' meeting has been moved to Tuesday, 14 November, at 7 p.m.", None, None),
    ("Проект влетел бюджету в копеечку — почти 1,5 млрд долларов.",
     "The project cost the budget a fortune — almost $1.5 billion.", None, None),
    ("Итоги года: продажи электромобилей в Норвегии впервые превысили продажи бензиновых машин.",
     "Year in review: electric car sales in Norway exceeded petrol car sales for the first time.", None, None),
    ("Новость о слиянии двух крупнейших банков стала полной неожиданностью для инвесторов.",
     "The news of the merger of the two largest banks came as a complete surprise to investors.", None, None),
    ("Он обещал вернуть долг к пятнице, но, как всегда, тянет резину.",
     "He promised to repay the debt by Friday but, as usual, he is dragging his feet.", None, None),
    ("Ряд депутатов Госдумы выступил против законопроекта о платных парковках.",
     "A number of State Duma deputies have spoken out against the paid parking bill.", None, None),
    ("Стоимость проезда в метро с 1 января вырастет с 57 до 62 рублей.",
     "The metro fare will rise from 57 to 62 roubles on 1 January.", None, None),

    # ---------------- grammar: article_en (7) ----------------
    ("Правительство выделило грант на строительство школы в посёлке Ягодное.",
     "The government allocated grant for the construction of a school in the village of Yagodnoye.",
     "article_en", "grant"),
    ("Учёные передали нам ценную информацию о составе почвы на участке.",
     "The scientists gave us a valuable information about the composition of the soil on the site.",
     "article_en", "a valuable information"),
    ("Водитель не справился с управлением автобусом и съехал в кювет.",
     "The driver lost control of bus and ended up in a ditch.",
     "article_en", ("of bus", "bus")),
    ("Жители жалуются на постоянный шум от новой стройки по соседству.",
     "Residents are complaining about constant noise from new construction site next door.",
     "article_en", "new construction site"),
    ("На прошлой неделе мы купили новую мебель для офиса в центре города.",
     "Last week we bought a new furniture for our office in the city centre.",
     "article_en", "a new furniture"),
    ("В этом году банк открыл новые отделения в Туле и Рязани.",
     "This year the bank opened a new branches in Tula and Ryazan.",
     "article_en", "a new branches"),
    ("Моя сестра уже пятнадцать лет работает медсестрой в городской больнице.",
     "My sister has worked as nurse at the city hospital for fifteen years.",
     "article_en", ("as nurse", "nurse")),

    # ---------------- grammar: agreement_en (6) ----------------
    ("Число пострадавших от наводнения выросло до 120 человек.",
     "The number of people affected by the flood have risen to 120.",
     "agreement_en", "have"),
    ("Качество дорог в регионе вызывает много жалоб у водителей.",
     "The quality of roads in the region cause many complaints from drivers.",
     "agreement_en", "cause"),
    ("Каждый из участников конференции получает именной сертификат.",
     "Each of the conference participants receive a personalised certificate.",
     "agreement_en", "receive"),
    ("Ключи от машины лежат на полке в прихожей, рядом с зонтом.",
     "The keys to the car is on the shelf in the hallway, next to the umbrella.",
     "agreement_en", ("car is", "is")),
    ("Он и его брат владеют небольшой пекарней в центре Твери.",
     "He and his brother owns a small bakery in the centre of Tver.",
     "agreement_en", "owns"),
    ("Стоимость содержания школьных зданий ежегодно растёт на несколько процентов.",
     "The cost of maintaining school buildings rise by several percent every year.",
     "agreement_en", "rise"),

    # ---------------- grammar: missing_verb (5) ----------------
    ("Работы по реконструкции городского стадиона уже начались, сообщили в мэрии.",
     "Work on the reconstruction of the city stadium already begun, the mayor's office said.",
     "missing_verb", "already begun"),
    ("Новый закон о защите персональных данных вступает в силу с 1 сентября.",
     "The new law on personal data protection into force on 1 September.",
     "missing_verb", "into force"),
    ("Мы очень рады, что вы смогли приехать на нашу свадьбу.",
     "We very glad that you were able to come to our wedding.",
     "missing_verb", "We very glad"),
    ("Когда мы наконец добрались до вокзала, поезд уже ушёл.",
     "When we finally got to the station, the train already gone.",
     "missing_verb", "already gone"),
    ("Совещание назначено на понедельник, поэтому подготовьте отчёты заранее.",
     "The meeting scheduled for Monday, so please prepare your reports in advance.",
     "missing_verb", "meeting scheduled"),

    # ---------------- awkward: calqued_word_order (6) ----------------
    ("Вчера в Москве прошёл международный форум по кибербезопасности.",
     "Yesterday in Moscow took place an international cybersecurity forum.",
     "calqued_word_order", "took place an international cybersecurity forum"),
    ("Эту книгу о блокаде Ленинграда написал известный петербургский журналист.",
     "This book about the siege of Leningrad wrote a well-known St Petersburg journalist.",
     "calqued_word_order", "This book about the siege of Leningrad wrote a well-known St Petersburg journalist"),
    ("Новая сотрудница очень хорошо говорит по-английски и по-китайски.",
     "The new employee speaks very well English and Chinese.",
     "calqued_word_order", "speaks very well English"),
    ("В прошлом месяце на заводе было выпущено пять тысяч тракторов.",
     "Last month at the plant were produced five thousand tractors.",
     "calqued_word_order", "were produced five thousand tractors"),
    ("Компания регулярно публикует отчёты о своих выбросах углекислого газа.",
     "The company publishes regularly reports on its carbon dioxide emissions.",
     "calqued_word_order", "publishes regularly reports"),
    ("Решение о закрытии убыточного цеха принял совет директоров на закрытом заседании.",
     "The decision to close the loss-making workshop took the board of directors at a closed meeting.",
     "calqued_word_order", "The decision to close the loss-making workshop took the board of directors"),

    # ---------------- awkward: genitive_chain (4) ----------------
    ("На совещании обсуждался вопрос повышения эффективности работы отдела продаж.",
     "At the meeting, the issue of improving the efficiency of the work of the sales department was discussed.",
     "genitive_chain", "the issue of improving the efficiency of the work of the sales department"),
    ("Рост стоимости услуг операторов связи в этом году замедлился.",
     "The growth of the cost of the services of telecom operators has slowed this year.",
     "genitive_chain", "The growth of the cost of the services of telecom operators"),
    ("Министерство одобрило план модернизации системы водоснабжения города.",
     "The ministry approved the plan of modernisation of the system of water supply of the city.",
     "genitive_chain", "the plan of modernisation of the system of water supply of the city"),
    ("Эксперты оценили уровень готовности школ региона к новому учебному году.",
     "Experts assessed the level of readiness of the schools of the region for the new school year.",
     "genitive_chain", "the level of readiness of the schools of the region"),

    # ---------------- awkward: calque_phrase (4) ----------------
    ("Более 500 студентов приняли участие в олимпиаде по математике.",
     "More than 500 students took participation in the mathematics olympiad.",
     "calque_phrase", "took participation"),
    ("В сельских районах области имеет место острая нехватка квалифицированных врачей.",
     "An acute shortage of qualified doctors has place in the rural areas of the region.",
     "calque_phrase", "has place"),
    ("На сегодняшний день в городе работают пятнадцать поликлиник и два госпиталя.",
     "On today's day, fifteen outpatient clinics and two hospitals operate in the city.",
     "calque_phrase", "On today's day"),
    ("Прошу обратить внимание на сроки подачи документов в приёмную комиссию.",
     "Please turn attention to the deadlines for submitting documents to the admissions committee.",
     "calque_phrase", "turn attention to"),

    # ---------------- awkward: literal_idiom (5) ----------------
    ("Не вешай мне лапшу на уши, я знаю, где ты был вчера вечером.",
     "Don't hang noodles on my ears, I know where you were last night.",
     "literal_idiom", "hang noodles on my ears"),
    ("Ремонт дороги у нашего дома закончат, когда рак на горе свистнет.",
     "The repairs to the road outside our house will be finished when the crayfish whistles on the mountain.",
     "literal_idiom", "when the crayfish whistles on the mountain"),
    ("Подрядчик работал спустя рукава, и теперь крыша в спортзале протекает.",
     "The contractor worked with lowered sleeves, and now the roof of the gym leaks.",
     "literal_idiom", "worked with lowered sleeves"),
    ("Проверка из министерства свалилась на нас как снег на голову.",
     "The inspection from the ministry fell on us like snow on the head.",
     "literal_idiom", "fell on us like snow on the head"),
    ("Ни пуха ни пера тебе на завтрашнем собеседовании в банке!",
     "Neither fluff nor feather at your job interview at the bank tomorrow!",
     "literal_idiom", "Neither fluff nor feather"),

    # ---------------- accuracy: omission (4) ----------------
    ("В меню ресторана есть блюда русской, грузинской и узбекской кухни.",
     "The restaurant's menu includes dishes from Russian and Uzbek cuisine.",
     "omission", "Russian and Uzbek"),
    ("В понедельник завод временно приостановил работу из-за поломки оборудования.",
     "On Monday, the plant suspended operations due to an equipment breakdown.",
     "omission", "suspended"),
    ("Акции компании подешевели почти на 15% за одну торговую сессию.",
     "The company's shares fell by 15% in a single trading session.",
     "omission", "by 15%"),
    ("Посетители музея могут бесплатно пользоваться гардеробом и камерой хранения.",
     "Museum visitors can use the cloakroom and the left-luggage office.",
     "omission", "can use"),

    # ---------------- accuracy: negation (4) ----------------
    ("Власти не исключают повторного повышения налогов в следующем году.",
     "The authorities rule out another tax increase next year.",
     "negation", "rule out"),
    ("Эксперты ожидают, что спрос на жильё в пригородах продолжит расти.",
     "Experts do not expect demand for housing in the suburbs to keep growing.",
     "negation", "do not expect"),
    ("Новый терминал аэропорта пока не принимает международные рейсы.",
     "The airport's new terminal is currently accepting international flights.",
     "negation", "is currently accepting"),
    ("Большинство опрошенных поддержали идею четырёхдневной рабочей недели.",
     "Most respondents did not support the idea of a four-day working week.",
     "negation", "did not support"),

    # ---------------- accuracy: antonym (3) ----------------
    ("По итогам квартала уровень безработицы в регионе снизился до 3,2%.",
     "At the end of the quarter, the unemployment rate in the region rose to 3.2%.",
     "antonym", "rose"),
    ("Скоростной поезд «Сапсан» прибыл в Санкт-Петербург на десять минут раньше расписания.",
     "The high-speed Sapsan train arrived in St Petersburg ten minutes behind schedule.",
     "antonym", "behind schedule"),
    ("Новая модель смартфона оказалась на 20 граммов легче предыдущей.",
     "The new smartphone model turned out to be 20 grams heavier than the previous one.",
     "antonym", "heavier"),

    # ---------------- accuracy: wrong_name / wrong_number (3) ----------------
    ("Переговоры пройдут в Вене при посредничестве Австрии и Швейцарии.",
     "The talks will take place in Vienna, mediated by Australia and Switzerland.",
     "wrong_name", "Australia"),
    ("Контракт со стороны поставщика подписал генеральный директор компании Игорь Смирнов.",
     "The contract was signed on the supplier's side by the company's CEO, Oleg Smirnov.",
     "wrong_name", "Oleg"),
    ("Семья Петровых переехала в Новосибирск три года назад из небольшого города на Урале.",
     "The Petrov family moved to Novosibirsk five years ago from a small town in the Urals.",
     "wrong_number", "five"),

    # ---------------- surface: spelling (3) ----------------
    ("Правительство утвердило программу поддержки малого бизнеса на 2024 год.",
     "The government has approved a support programme for small buisnesses for 2024.",
     "typo_en", "buisnesses"),
    ("Инвесторы с осторожностью восприняли новость о назначении нового главы банка.",
     "Investors reacted cautiously to the news of the apointment of the bank's new chief.",
     "typo_en", "apointment"),
    ("Школьники посадили в городском парке более двухсот молодых деревьев.",
     "Schoolchildren planted more then two hundred young trees in the city park.",
     "typo_en", "then"),

    # ---------------- surface: punctuation (2) ----------------
    ("Он написал в чате, что опоздает на полчаса из-за пробок.",
     "He wrote in the chat, that he would be half an hour late because of traffic.",
     "punctuation_en", ("chat, that", ",")),
    ("Ты уже видел новый фильм Звягинцева, который показали в Каннах?",
     "Have you already seen Zvyagintsev's new film that was shown at Cannes.",
     "punctuation_en", ("Cannes.", ".")),

    # ---------------- surface: number (2) ----------------
    ("По данным последней переписи, население Омска составляет 1,1 млн человек.",
     "According to the latest census, Omsk has a population of 1,1 million.",
     "number_format", "1,1"),
    ("Средняя зарплата в отрасли за год выросла до 85 тыс. рублей.",
     "The average salary in the industry rose to 58,000 roubles over the year.",
     "number_mismatch", "58,000"),

    # ---------------- surface: capitalization (2) ----------------
    ("Встреча акционеров запланирована на среду, 5 июня, в головном офисе.",
     "The shareholders' meeting is scheduled for wednesday, 5 June, at the head office.",
     "lowercase_proper_noun", "wednesday"),
    ("Он стал первым российским гонщиком, выигравшим этап «Формулы-1» в Монако.",
     "He became the first russian driver to win a Formula 1 race in Monaco.",
     "lowercase_proper_noun", "russian"),
]

ENRU = [
    # ---------------- clean but tricky ----------------
    ("The Bank of England raised interest rates by a quarter of a percentage point to 5.25%.",
     "Банк Англии повысил процентную ставку на четверть процентного пункта, до 5,25%.", None, None),
    ("“We are not giving up,” the team captain told reporters after the defeat.",
     "«Мы не сдаёмся», — заявил журналистам капитан команды после поражения.", None, None),
    ("Heatwave in southern Europe: temperatures in Seville top 44 degrees",
     "Жара на юге Европы: в Севилье более 44 градусов", None, None),
    ("The new bridge is 1.2 miles long and cost $300 million to build.",
     "Длина нового моста — почти 2 км, а его строительство обошлось в 300 млн долларов.", None, None),
    ("It's raining cats and dogs, so the picnic has been called off.",
     "Льёт как из ведра, поэтому пикник отменили.", None, None),
    ("Microsoft shares rose 3% after the company reported better-than-expected quarterly earnings.",
     "Акции Microsoft подорожали на 3% после того, как компания отчиталась о квартальной прибыли выше ожиданий.", None, None),
    ("The WHO has warned of a rise in measles cases across Europe.",
     "ВОЗ предупредила о росте заболеваемости корью в Европе.", None, None),
    ("Don't beat around the bush — just tell me what the doctor said.",
     "Не ходи вокруг да около — просто скажи, что сказал врач.", None, None),
    ("Prime Minister Keir Starmer will visit Washington next week to discuss European security.",
     "Премьер-министр Кир Стармер на следующей неделе посетит Вашингтон, чтобы обсудить безопасность в Европе.", None, None),
    ("The parcel weighs 5 pounds, so you will have to pay extra for delivery.",
     "Посылка весит около 2,3 кг, поэтому за доставку придётся доплатить.", None, None),
    ("The meeting starts at 3 p.m. on Thursday, March 7, in the main conference room.",
     "Встреча начнётся в четверг, 7 марта, в 15:00 в главном конференц-зале.", None, None),
    ("Breaking news: massive power outage in Madrid and Barcelona",
     "Срочная новость: масштабное отключение электроэнергии в Мадриде и Барселоне", None, None),
    ("She has been working at this hospital for over ten years and knows everyone there.",
     "Она работает в этой больнице больше десяти лет и знает там всех.", None, None),
    ("The EU and the UK have signed a new agreement on fishing rights.",
     "ЕС и Великобритания подписали новое соглашение о правах на рыболовство.", None, None),
    ("Jazz is just not my cup of tea, but my husband loves it.",
     "Джаз — это совсем не моё, а вот мой муж его обожает.", None, None),
    ("Over 60% of respondents said they would prefer to work from home two days a week.",
     "Более 60% опрошенных заявили, что предпочли бы работать из дома два дня в неделю.", None, None),
    ("NASA has postponed the launch of the Artemis mission due to a fuel leak.",
     "НАСА отложило запуск миссии «Артемида» из-за утечки топлива.", None, None),
    ("The recipe calls for two cups of flour and a tablespoon of sugar.",
     "По рецепту нужны два стакана муки и столовая ложка сахара.", None, None),
    ("Our hotel was just a stone's throw from the beach, and the staff were very friendly.",
     "Наш отель находился в двух шагах от пляжа, а персонал был очень приветливым.", None, None),
    ("Overnight temperatures in Chicago will drop to 14°F, forecasters say.",
     "По прогнозу синоптиков, ночью в Чикаго похолодает до −10 °C.", None, None),
    ("The company's CEO, Satya Nadella, announced the reorganisation in an internal memo.",
     "Генеральный директор компании Сатья Наделла объявил о реорганизации во внутренней служебной записке.", None, None),
    ("Two of the three suspects have already been released on bail.",
     "Двое из трёх подозреваемых уже освобождены под залог.", None, None),
    ("Could you give me a hand with these boxes before the movers arrive?",
     "Не поможешь мне с этими коробками, пока не приехали грузчики?", None, None),

    # ---------------- grammar: agreement_ru (9) ----------------
    ("The new library will open in the city centre next spring.",
     "Новый библиотека откроется в центре города следующей весной.",
     "agreement_ru", "Новый"),
    ("Local residents complained about the loud music coming from the café.",
     "Местные жители пожаловались на громкий музыку, доносящуюся из кафе.",
     "agreement_ru", "громкий"),
    ("The company presented its annual report at a press conference in Kazan.",
     "Компания представила годовую отчёт на пресс-конференции в Казани.",
     "agreement_ru", "годовую"),
    ("The old houses on this street will be demolished next year.",
     "Старый дома на этой улице снесут в следующем году.",
     "agreement_ru", "Старый"),
    ("We talked with our neighbours about the recent elections.",
     "Мы поговорили с соседями о последние выборах.",
     "agreement_ru", "последние"),
    ("The museum has received a valuable gift from a private collector.",
     "Музей получил ценное подарок от частного коллекционера.",
     "agreement_ru", "ценное"),
    ("She bought a white dress for her sister's wedding in Sochi.",
     "Она купила белую платье на свадьбу сестры в Сочи.",
     "agreement_ru", "белую"),
    ("Heavy snowfall has paralysed traffic in the northern regions of the country.",
     "Сильный снегопад парализовал движение в северные регионах страны.",
     "agreement_ru", "северные"),
    ("The minister commented on the new tax rules in a television interview.",
     "Министр прокомментировал новое налоговые правила в телевизионном интервью.",
     "agreement_ru", "новое"),

    # ---------------- grammar: case_ru (9) ----------------
    ("All summer long, the children played by the river outside the village.",
     "Всё лето дети играли возле реку за деревней.",
     "case_ru", "реку"),
    ("Without your help we would not have finished the project on time.",
     "Без вашей помощью мы бы не закончили проект вовремя.",
     "case_ru", "помощью"),
    ("The delegation flew to Beijing for talks on a climate agreement.",
     "Делегация вылетела в Пекине для переговоров о климатическом соглашении.",
     "case_ru", "Пекине"),
    ("After the lecture, the students went to the canteen for lunch.",
     "После лекцию студенты пошли обедать в столовую.",
     "case_ru", "лекцию"),
    ("The report says nothing about the causes of the accident at the mine.",
     "В докладе ничего не говорится о причины аварии на шахте.",
     "case_ru", "причины"),
    ("During the holidays we stayed with friends in Sochi for a week.",
     "На каникулах мы неделю жили у друзьям в Сочи.",
     "case_ru", "друзьям"),
    ("Thanks to the new equipment, production at the plant increased by 20%.",
     "Благодаря новое оборудование производство на заводе выросло на 20%.",
     "case_ru", "новое оборудование"),
    ("Throughout the party, the cat was sleeping quietly under the kitchen table.",
     "Всю вечеринку кот тихо спал под кухонным столу.",
     "case_ru", "столу"),
    ("Volunteers brought hot food for homeless people to the railway station.",
     "Волонтёры привезли на вокзал горячую еду для бездомным.",
     "case_ru", "бездомным"),

    # ---------------- grammar: verb_form_ru (8) ----------------
    ("We will discuss this issue at the next meeting of the board.",
     "Мы обсудит этот вопрос на следующем заседании правления.",
     "verb_form_ru", "обсудит"),
    ("The students are preparing for their final exams in the library.",
     "Студенты готовится к выпускным экзаменам в библиотеке.",
     "verb_form_ru", "готовится"),
    ("I don't know where he put the documents for the notary.",
     "Я не знает, куда он положил документы для нотариуса.",
     "verb_form_ru", "знает"),
    ("You always arrive on time, unlike your colleagues.",
     "Ты всегда приходит вовремя, в отличие от своих коллег.",
     "verb_form_ru", "приходит"),
    ("Vegetable prices in the city's shops are rising because of the summer drought.",
     "Цены на овощи в магазинах города растёт из-за летней засухи.",
     "verb_form_ru", "растёт"),
    ("My parents live in a small town near Ryazan.",
     "Мои родители живёт в небольшом городке под Рязанью.",
     "verb_form_ru", "живёт"),
    ("They want to open a second restaurant in Kazan next year.",
     "Они хочет открыть второй ресторан в Казани в следующем году.",
     "verb_form_ru", "хочет"),
    ("The workers went on strike over unpaid wages on Monday.",
     "В понедельник рабочие объявил забастовку из-за невыплаты зарплаты.",
     "verb_form_ru", "объявил"),

    # ---------------- accuracy: omission (5) ----------------
    ("The local history museum is open daily except Monday and Tuesday, from 10 a.m. to 6 p.m.",
     "Краеведческий музей открыт ежедневно, кроме понедельника, с 10:00 до 18:00.",
     "omission", "кроме понедельника"),
    ("Almost half of the respondents said they support the pension reform.",
     "Половина опрошенных заявила, что поддерживает пенсионную реформу.",
     "omission", "Половина"),
    ("The morning flight to Murmansk was delayed because of thick fog and strong winds.",
     "Утренний рейс в Мурманск задержали из-за густого тумана.",
     "omission", "густого тумана"),
    ("Police detained three men suspected of robbing a jewellery store.",
     "Полиция задержала мужчин, подозреваемых в ограблении ювелирного магазина.",
     "omission", "задержала мужчин"),
    ("According to the manufacturer, the new model is cheaper and significantly more reliable than its predecessor.",
     "По словам производителя, новая модель дешевле и надёжнее предшественницы.",
     "omission", "надёжнее"),

    # ---------------- accuracy: antonym (4) ----------------
    ("Russia's grain exports increased sharply in the first quarter of the year.",
     "Экспорт российского зерна в первом квартале года резко сократился.",
     "antonym", "сократился"),
    ("The company's profits were lower than analysts had expected.",
     "Прибыль компании оказалась выше, чем ожидали аналитики.",
     "antonym", "выше"),
    ("The minister rejected the proposal to raise taxes on fuel.",
     "Министр одобрил предложение о повышении налогов на топливо.",
     "antonym", "одобрил"),
    ("After parents complained, the bus stop was moved closer to the school.",
     "После жалоб родителей автобусную остановку перенесли дальше от школы.",
     "antonym", "дальше"),

    # ---------------- accuracy: negation (5) ----------------
    ("Despite falling sales, the company does not plan to cut staff this year.",
     "Несмотря на падение продаж, компания планирует сокращать штат в этом году.",
     "negation", "планирует"),
    ("Doctors recommend drinking at least two litres of water a day.",
     "Врачи не рекомендуют пить не менее двух литров воды в день.",
     "negation", "не рекомендуют"),
    ("When questioned by police, the witness could not remember the exact time of the accident.",
     "На допросе в полиции свидетель смог вспомнить точное время аварии.",
     "negation", "смог вспомнить"),
    ("The new rules apply to all employees, including contractors.",
     "Новые правила распространяются на всех сотрудников, не включая подрядчиков.",
     "negation", "не включая"),
    ("The school has already received the new textbooks for the autumn term.",
     "Школа ещё не получила новые учебники к осеннему семестру.",
     "negation", "ещё не получила"),

    # ---------------- surface: spelling (2) ----------------
    ("Tonight's concert at the Philharmonic has been cancelled due to the lead singer's illness.",
     "Сегодняшний концерт в филармонии отменён из-за болезни салистки.",
     "typo_ru", "салистки"),
    ("Parliament finally approved next year's budget after a long and heated debate.",
     "После долгих и жарких дебатов парламент наконецто утвердил бюджет на следующий год.",
     "typo_ru", "наконецто"),

    # ---------------- surface: punctuation (2) ----------------
    ("The spokesman said that the talks would continue next week.",
     "Представитель заявил что переговоры продолжатся на следующей неделе.",
     "punctuation_ru", "заявил что"),
    ("The house that my grandfather built is still standing.",
     "Дом который построил мой дед, до сих пор стоит.",
     "punctuation_ru", "Дом который"),

    # ---------------- surface: number (2) ----------------
    ("According to the latest census, the population of the region is 2.5 million.",
     "По данным последней переписи, население области составляет 2.5 млн человек.",
     "number_format", "2.5"),
    ("Tickets for the final cost $45 each and sold out within an hour.",
     "Билеты на финал стоили по 54 доллара и были распроданы за час.",
     "number_mismatch", "54"),

    # ---------------- surface: capitalization (1) ----------------
    ("The exhibition opens on Monday at the Pushkin Museum.",
     "Выставка откроется в Понедельник в Пушкинском музее.",
     "wrong_capital_ru", "Понедельник"),
]


def locate(tgt, span):
    if isinstance(span, tuple):
        ctx, sub = span
    else:
        ctx, sub = span, span
    assert tgt.count(ctx) == 1, (tgt, ctx)
    c = tgt.index(ctx)
    assert ctx.count(sub) == 1, (ctx, sub)
    s = c + ctx.index(sub)
    return s, s + len(sub), sub


def build(name, items, src_lang, tgt_lang, seed):
    order = list(range(len(items)))
    random.Random(seed).shuffle(order)
    tsv, gold, segs = [], [], []
    for seg, orig_idx in enumerate(order):
        src, tgt, kind, span = items[orig_idx]
        assert "\t" not in src + tgt and "\n" not in src + tgt
        assert src.strip() == src and tgt.strip() == tgt and "  " not in tgt
        tsv.append(f"{src}\t{tgt}")
        if kind is None:
            cats, ocats = [], []
        else:
            s, e, sub = locate(tgt, span)
            assert tgt[s:e] == sub
            cats, ocats = [CAT[kind]], [kind]
            gold.append({"set": name, "segment": seg, "side": "tgt", "category": CAT[kind],
                         "orig_category": kind, "severity": "major", "start": s, "end": e,
                         "rater": "holdout"})
        segs.append({"set": name, "segment": seg, "system": kind or "clean",
                     "doc": f"holdout2:{orig_idx}", "clean": kind is None,
                     "categories": cats, "orig_categories": ocats, "n_raters": 0,
                     "src_lang": src_lang, "tgt_lang": tgt_lang, "scored_sides": ["src", "tgt"]})
    with open(os.path.join(HERE, f"{name}.tsv"), "w", encoding="utf-8") as f:
        f.write("\n".join(tsv) + "\n")
    with open(os.path.join(HERE, f"{name}.gold.jsonl"), "w", encoding="utf-8") as f:
        for g in gold:
            f.write(json.dumps(g, ensure_ascii=False) + "\n")
    with open(os.path.join(HERE, f"{name}.segments.jsonl"), "w", encoding="utf-8") as f:
        for s in segs:
            f.write(json.dumps(s, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    for name, items in (("hold_ruen", RUEN), ("hold_enru", ENRU)):
        srcs = [i[0] for i in items]; tgts = [i[1] for i in items]
        assert len(set(srcs)) == len(srcs) and len(set(tgts)) == len(tgts), name
    build("hold_ruen", RUEN, "ru", "en", 20240601)
    build("hold_enru", ENRU, "en", "ru", 20240602)
    print("built", len(RUEN), len(ENRU))
