"""Synthetic names per origin, consistent with a household's language.

First names and surnames are common ones, combined at random from a seeded `Random`:
nobody real is described. Naming customs are kept where they matter for a household
register: Somali and Eritrean surnames are the father's first name (patronymic), Turkish,
Polish and Ukrainian wives usually carry their husband's surname, Polish surnames agree in
gender.
"""

import random
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Name:
    first: str
    last: str

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"


@dataclass(frozen=True)
class NameBook:
    male: tuple[str, ...]
    female: tuple[str, ...]
    surnames: tuple[str, ...] = ()
    # Where first names follow the era: born before OLD_BEFORE, or from YOUNG_FROM on.
    male_old: tuple[str, ...] = ()
    female_old: tuple[str, ...] = ()
    male_young: tuple[str, ...] = ()
    female_young: tuple[str, ...] = ()
    patronymic: bool = False  # surname = the father's first name
    wife_takes_surname: float = 0.0  # chance a married woman carries her husband's surname


OLD_BEFORE, YOUNG_FROM = 1966, 1996


def _t(text: str) -> tuple[str, ...]:
    return tuple(text.split(", "))


DUTCH = NameBook(
    male=_t("Martin, Erik, Dennis, Mark, Jeroen, Bas, Joost, Frank, Niels, Sander, Kevin, Ruben, Tim, "
            "Thijs, Rob, Patrick, Michiel, Arjan"),
    female=_t("Sandra, Linda, Ingrid, Petra, Esther, Sanne, Lisa, Mirjam, Kim, Marieke, Femke, Naomi, "
              "Anouk, Iris, Monique, Wendy, Chantal, Manon"),
    male_old=_t("Jan, Kees, Henk, Piet, Gerrit, Wim, Ruud, Hans, Ad, Cor, Theo, Frans, Bert, Johan, "
                "Klaas, Rinus, Gert, Fred"),
    female_old=_t("Joke, Ria, Ans, Truus, Wilma, Annie, Gerda, Marian, Riet, Corrie, Tineke, Els, "
                  "Greet, Mien, Loes, Hennie, Thea"),
    male_young=_t("Daan, Sem, Lucas, Jesse, Finn, Levi, Noah, Stijn, Luuk, Milan, Thomas, Bram, Julian"),
    female_young=_t("Emma, Sophie, Julia, Tess, Mila, Zoë, Fleur, Noor, Lotte, Saar, Anna, Eva, Evi"),
    surnames=_t("de Vries, Jansen, van den Berg, Bakker, Visser, Smit, Meijer, de Boer, Mulder, "
                "de Groot, Bos, Vos, Peters, Hendriks, van Leeuwen, Dekker, Brouwer, de Wit, Dijkstra, "
                "Smits, de Graaf, van der Meer, Kok, Jacobs, van Dijk, Verhoeven, Schouten, Willems, "
                "Hoekstra, van Rijn, Koster, Prins, van Vliet, Post, Kuiper, van Beek"),
    wife_takes_surname=0.3,
)
TURKISH = NameBook(
    male=_t("Mehmet, Mustafa, Ahmet, Ali, Hüseyin, Hasan, İbrahim, Osman, Yusuf, Murat, Emre, "
            "Burak, Kemal, Serkan, Ömer, Erdem, Emir, Kerem, Yiğit, Arda"),
    female=_t("Ayşe, Fatma, Emine, Hatice, Zeynep, Elif, Meryem, Şerife, Sultan, Hülya, Derya, "
              "Esra, Büşra, Merve, Ecrin, Elif, Zehra, Nisa, Defne, Aylin"),
    surnames=_t("Yılmaz, Kaya, Demir, Şahin, Çelik, Yıldız, Yıldırım, Öztürk, Aydın, Özdemir, "
                "Arslan, Doğan, Kılıç, Aslan, Çetin, Kara, Koç, Kurt, Özkan, Polat, Korkmaz, Erdoğan"),
    wife_takes_surname=0.85,
)
MOROCCAN = NameBook(
    male=_t("Mohamed, Ahmed, Abdelkader, Mustapha, Rachid, Said, Hassan, Driss, Khalid, Youssef, "
            "Karim, Nourdin, Bilal, Anouar, Ayoub, Imad, Adam, Amine, Zakaria, Ilias"),
    female=_t("Fatima, Khadija, Aicha, Rachida, Malika, Naima, Hafida, Zohra, Samira, Latifa, "
              "Nadia, Siham, Loubna, Imane, Salma, Yasmina, Nora, Sara, Dounia, Hajar"),
    surnames=_t("El Amrani, Bouzid, Ait Ouali, El Idrissi, Azzouzi, Boukhari, El Khattabi, Amrani, "
                "Benali, Achahbar, Ouchan, Tahiri, El Hamdaoui, Bakkali, Ziani, Haddouchi, Moussaoui, "
                "El Ouariachi, Aarab, Boutaleb, Mimouni, Chaara"),
)
ARABIC = NameBook(
    male=_t("Ahmad, Mohammad, Khaled, Omar, Ali, Hussein, Mahmoud, Samer, Bassel, Tarek, Fadi, "
            "Hamza, Yaman, Karam, Majd, Rami, Wael, Ammar, Hadi, Zaid"),
    female=_t("Rania, Hiba, Lina, Reem, Nour, Maha, Huda, Rasha, Amal, Dima, Yara, Lama, Sham, "
              "Aya, Ghada, Mariam, Rahaf, Batoul, Salam, Zeinab"),
    surnames=_t("Al-Hassan, Haddad, Khalil, Al-Ahmad, Saleh, Hamdan, Darwish, Qasim, Al-Jabouri, "
                "Mansour, Nasser, Ibrahim, Al-Saleh, Yousef, Haidar, Abbas, Hammoud, Shami"),
)
POLISH = NameBook(
    male=_t("Piotr, Krzysztof, Tomasz, Paweł, Marcin, Michał, Łukasz, Grzegorz, Jakub, Adam, "
            "Dawid, Kamil, Szymon, Bartosz, Mateusz, Wojciech"),
    female=_t("Anna, Katarzyna, Małgorzata, Agnieszka, Joanna, Magdalena, Monika, Ewa, Karolina, "
              "Natalia, Zuzanna, Julia, Maja, Zofia, Aleksandra, Paulina"),
    surnames=_t("Kowalski, Nowak, Wiśniewski, Wójcik, Kowalczyk, Kamiński, Lewandowski, Zieliński, "
                "Szymański, Woźniak, Dąbrowski, Kozłowski, Mazur, Krawczyk, Piotrowski, Grabowski"),
    wife_takes_surname=0.9,
)
SOMALI = NameBook(
    male=_t("Abdi, Mohamed, Ahmed, Hassan, Ali, Abdullahi, Yusuf, Ismail, Omar, Abdirahman, Farah, "
            "Mahad, Liban, Guled, Hamza, Khalid"),
    female=_t("Hodan, Amina, Fadumo, Hawa, Sahra, Asha, Ifrah, Nimco, Ubah, Deeqa, Ayan, Hibo, "
              "Faadumo, Sagal, Ladan, Idil"),
    patronymic=True,
)
TIGRINYA = NameBook(
    male=_t("Tesfay, Yonas, Mehari, Berhane, Dawit, Habtom, Kidane, Tekle, Filmon, Semere, Amanuel, "
            "Robel, Natnael, Yohannes, Biniam, Michael"),
    female=_t("Senait, Helen, Saba, Lidia, Mebrat, Tsega, Azieb, Freweini, Winta, Selam, Ruth, "
              "Yodit, Hiwet, Eden, Luwam, Feven"),
    patronymic=True,
)
ENGLISH = NameBook(
    male=_t("James, David, Michael, Daniel, Samuel, Joseph, Emmanuel, Kwame, Kofi, Chinedu, "
            "Thomas, Patrick, George, Ryan"),
    female=_t("Grace, Mary, Sarah, Esther, Abena, Akosua, Chioma, Blessing, Emily, Hannah, Rose, "
              "Faith, Ruth, Joy"),
    surnames=_t("Mensah, Owusu, Boateng, Okafor, Adeyemi, Smith, Brown, Taylor, Walker, Clarke, "
                "Asante, Obi, Wright, Campbell"),
    wife_takes_surname=0.6,
)
PERSIAN = NameBook(
    male=_t("Ahmad, Mohammad, Ali, Reza, Hamid, Farid, Jawad, Karim, Mahmood, Sayed, Omid, Arash"),
    female=_t("Fatima, Zahra, Maryam, Parwin, Shabnam, Farida, Laila, Nargis, Soraya, Mina, Roya, Sima"),
    surnames=_t("Ahmadi, Rahimi, Hosseini, Karimi, Mohammadi, Sultani, Noori, Haidari, Rezaei, Azizi"),
)
UKRAINIAN = NameBook(
    male=_t("Oleksandr, Andrii, Serhii, Dmytro, Volodymyr, Mykola, Ivan, Yurii, Bohdan, Maksym, Artem"),
    female=_t("Olena, Nataliia, Tetiana, Iryna, Oksana, Svitlana, Yuliia, Kateryna, Mariia, Anastasiia"),
    surnames=_t("Kovalenko, Bondarenko, Tkachenko, Kravchenko, Melnyk, Oliinyk, Lysenko, Savchenko, "
                "Marchenko, Rudenko, Moroz, Pavlenko"),
    wife_takes_surname=0.9,
)
ANTILLEAN = NameBook(
    male=_t("Shurandy, Jurgen, Giovanni, Rigo, Eldrick, Jairo, Ruthsel, Glenn, Ivan, Elvis"),
    female=_t("Ruthmila, Shaienne, Jacqueline, Maritza, Giselle, Suhaila, Denise, Nicole, Rosalinda"),
    surnames=_t("Martina, Isenia, Rosaria, Pieternella, Cijntje, Anthonia, Francisca, Winklaar, "
                "Girigorie, Sint Jago, Statia, Koeiman"),
    wife_takes_surname=0.2,
)

# Language (ISO 639) -> the name book of the origin most households with it have.
BOOKS: dict[str, NameBook] = {
    "nl": DUTCH, "tr": TURKISH, "ber": MOROCCAN, "ar": ARABIC, "pl": POLISH, "so": SOMALI,
    "ti": TIGRINYA, "en": ENGLISH, "fa": PERSIAN, "uk": UKRAINIAN, "pap": ANTILLEAN,
}
# A minority of Arabic-speaking households here are Moroccan rather than Syrian/Iraqi.
ARABIC_MOROCCAN_SHARE = 0.35


def book_for(rng: random.Random, language: str) -> NameBook:
    if language == "ar" and rng.random() < ARABIC_MOROCCAN_SHARE:
        return MOROCCAN
    return BOOKS.get(language, ENGLISH)


def _gendered(book: NameBook, surname: str, sex: str) -> str:
    """Polish surnames agree in gender: Kowalski / Kowalska."""
    if book is POLISH and sex == "f" and surname.endswith("ki"):
        return surname[:-1] + "a"
    return surname


def first_name(rng: random.Random, book: NameBook, sex: str, born: int) -> str:
    male, female = book.male, book.female
    if born < OLD_BEFORE and book.male_old:
        male, female = book.male_old, book.female_old
    elif born >= YOUNG_FROM and book.male_young:
        male, female = book.male_young, book.female_young
    return rng.choice(male if sex == "m" else female)


def adult(rng: random.Random, book: NameBook, sex: str, born: int) -> Name:
    """An adult with a surname of their own (or their father's name, for patronymic books)."""
    first = first_name(rng, book, sex, born)
    if book.patronymic:
        last = rng.choice([name for name in book.male if name != first])
    else:
        last = rng.choice(book.surnames)
    return Name(first, _gendered(book, last, sex))


def spouse(rng: random.Random, book: NameBook, husband: Name, born: int) -> Name:
    """A wife of `husband`: her own surname, or his where that is the custom."""
    if not book.patronymic and rng.random() < book.wife_takes_surname:
        return Name(first_name(rng, book, "f", born), _gendered(book, husband.last, "f"))
    return adult(rng, book, "f", born)


def child(rng: random.Random, book: NameBook, sex: str, born: int, father: Name) -> Name:
    """A child carries the father's surname, or his first name in a patronymic book."""
    last = father.first if book.patronymic else father.last
    return Name(first_name(rng, book, sex, born), _gendered(book, last, sex))


def ascii_slug(text: str) -> str:
    """`Çelik-El Amrani` -> `celikelamrani`, for synthetic e-mail addresses."""
    plain = unicodedata.normalize("NFKD", text.replace("ı", "i").replace("ł", "l").replace("Ł", "L"))
    return "".join(ch for ch in plain.encode("ascii", "ignore").decode().lower() if ch.isalnum())
