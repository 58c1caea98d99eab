"""The benchmark's data: a fresh database with the 2024 meeting and 56 published written
inputs of generated text (English, French, Russian; about 600 words per answer), made through
the same services as the focal points' and the staff pages, from a fixed random seed."""

import datetime
import random
from urllib.parse import urlsplit

SEED = 20240311
WORDS_PER_ANSWER = 600
LANGUAGES = ("en", "fr", "ru")
# Appears in some English answers only: the benchmark's search.
SEARCH_WORD = "remittances"


def _words(text: str) -> list[str]:
    return text.split()


VOCABULARY = {
    "en": _words(
        """migration migrants government national policy implementation compact regional
    cooperation partners municipalities labour mobility integration education health services
    protection children women families border management data evidence statistics survey
    strategy plan action law framework ministry agency coordination civil society
    organizations employers trade unions diaspora return reintegration recruitment skills
    recognition qualifications pathways regular safe orderly decent work rights inclusion
    cohesion discrimination information campaigns consular assistance documentation identity
    trafficking smuggling prevention victims support capacity training officials local
    authorities climate environment displacement resilience development financing programme
    project pilot evaluation monitoring reporting progress review forum declaration
    commitment approach whole society stakeholders dialogue bilateral agreements exchange
    practices lessons learned challenges gaps resources funding technical assistance
    digital platform access justice housing language courses employment entrepreneurship
    youth students researchers seasonal workers circular legal status residence permits
    procedures screening referral alternatives detention missing lives rescue"""
    ),
    "fr": _words(
        """migration migrants gouvernement politique nationale mise œuvre pacte régional
    coopération partenaires municipalités mobilité travail intégration éducation santé
    services protection enfants femmes familles gestion frontières données statistiques
    enquête stratégie plan action loi cadre ministère agence coordination société civile
    organisations employeurs syndicats diaspora retour réintégration recrutement compétences
    reconnaissance qualifications voies régulières sûres ordonnées travail décent droits
    inclusion cohésion discrimination information campagnes assistance consulaire documents
    identité traite trafic prévention victimes soutien capacités formation fonctionnaires
    autorités locales climat environnement déplacements résilience développement financement
    programme projet évaluation suivi rapport progrès examen forum déclaration engagement
    approche ensemble parties prenantes dialogue accords bilatéraux échange pratiques
    enseignements défis lacunes ressources assistance technique plateforme numérique accès
    justice logement cours langue emploi entrepreneuriat jeunes étudiants chercheurs
    saisonniers statut juridique résidence permis procédures orientation rétention"""
    ),
    "ru": _words(
        """миграция мигранты правительство национальная политика осуществление договор
    региональное сотрудничество партнеры муниципалитеты трудовая мобильность интеграция
    образование здравоохранение услуги защита дети женщины семьи управление границами
    данные статистика обследование стратегия план действий закон рамки министерство
    агентство координация гражданское общество организации работодатели профсоюзы
    диаспора возвращение реинтеграция набор навыки признание квалификации пути
    регулярные безопасные упорядоченные достойный труд права инклюзия сплоченность
    дискриминация информация кампании консульская помощь документы личность торговля
    людьми незаконный ввоз предупреждение жертвы поддержка потенциал обучение
    должностные лица местные органы климат окружающая среда перемещение устойчивость
    развитие финансирование программа проект оценка мониторинг отчетность прогресс обзор
    форум декларация обязательство подход общество заинтересованные стороны диалог
    двусторонние соглашения обмен практика уроки вызовы пробелы ресурсы техническая
    цифровая платформа доступ правосудие жилье языковые курсы занятость молодежь
    студенты сезонные работники правовой статус вид жительство процедуры"""
    ),
}


def sentence(rng: random.Random, words: list[str], extra: str | None = None) -> str:
    chosen = [rng.choice(words) for _ in range(rng.randint(8, 18))]
    if extra:
        chosen.insert(rng.randrange(len(chosen)), extra)
    return chosen[0].capitalize() + " " + " ".join(chosen[1:]) + "."


def answer_html(rng: random.Random, language: str, *, with_search_word: bool) -> str:
    """About ``WORDS_PER_ANSWER`` words in paragraphs of four to six sentences."""
    words = VOCABULARY[language]
    paragraphs, count, extra = [], 0, SEARCH_WORD if with_search_word else None
    while count < WORDS_PER_ANSWER:
        sentences = []
        for _ in range(rng.randint(4, 6)):
            text = sentence(rng, words, extra)
            extra = None
            sentences.append(text)
            count += len(text.split())
        paragraphs.append("<p>" + " ".join(sentences) + "</p>")
    return "".join(paragraphs)


def database_recreate(database_url: str) -> str:
    """Drop and create the benchmark's database; refuse any name without "bench"."""
    import psycopg

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    if parts.scheme not in ("postgres", "postgresql", "pgsql") or "bench" not in name:
        raise SystemExit(
            f"The benchmark needs its own PostgreSQL database, named *bench*; got {name!r}. "
            "Run it with `make bench`."
        )
    with psycopg.connect(
        dbname="postgres",
        user=parts.username or "postgres",
        password=parts.password,
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        autocommit=True,
    ) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return name


def inputs_publish() -> dict:
    """Migrate, seed the meeting, and publish one input per member state (56). Needs Django
    set up with the benchmark's settings."""
    import io

    from django.contrib.auth.models import Group
    from django.core.cache import cache
    from django.core.management import call_command
    from django.utils import timezone

    from registration.models import STAFF_GROUP, FocalPoint, MemberState, User
    from sessions_app.models import GCMObjective, KeyDate, Meeting
    from submissions import services
    from submissions.models import CooperationNeed

    call_command("migrate", verbosity=0)
    call_command("seed", stdout=io.StringIO())
    cache.clear()
    meeting = Meeting.objects.get(slug="unece-2024")
    meeting.key_dates.filter(kind=KeyDate.Kind.WRITTEN_INPUTS_DUE).update(
        at=timezone.now() + datetime.timedelta(days=7)
    )
    staff = User.objects.create_user(email="staff@bench.example.org", is_staff=True)
    staff.groups.add(Group.objects.get(name=STAFF_GROUP))
    objectives = list(GCMObjective.objects.order_by("number"))
    letters = list(meeting.guiding_questions.order_by("letter").values_list("letter", flat=True))
    rng = random.Random(SEED)
    with_word = 0
    for index, state in enumerate(MemberState.objects.order_by("iso_alpha3")):
        language = LANGUAGES[index % len(LANGUAGES)]
        writer = User.objects.create_user(email=f"focal.{state.iso_alpha3.lower()}@bench.org")
        FocalPoint.objects.create(
            user=writer, member_state=state, status=FocalPoint.Status.VERIFIED
        )
        submission = services.submission_get_or_create(meeting=meeting, member_state=state)
        answers = {}
        for letter in letters:
            word = language == "en" and rng.random() < 0.3
            with_word += word
            answers[letter] = {
                "text": answer_html(rng, language, with_search_word=word),
                "objectives": rng.sample(objectives, rng.randint(1, 4)),
            }
        areas = rng.sample(CooperationNeed.Area.values, rng.randint(1, 3))
        submission = services.submission_save(
            submission=submission,
            by=writer,
            version=submission.version,
            language=language,
            answers=answers,
            cooperation={area: rng.sample(objectives, rng.randint(1, 3)) for area in areas},
        )
        submission = services.submission_submit(
            submission=submission, by=writer, version=submission.version
        )
        services.submission_publish(submission=submission, by=staff)
    cache.clear()
    return {
        "inputs": MemberState.objects.count(),
        "answers_per_input": len(letters),
        "answers_with_search_word": with_word,
    }


def posts_create(*, rng: random.Random, meeting, authors: list, count: int) -> int:
    """``count`` approved Discussion Space posts of three sentences, spread over the meeting's
    threads and written by ``authors``."""
    from django.utils import timezone

    from submissions.voices.discussion.models import DiscussionPost, DiscussionThread

    threads = list(DiscussionThread.objects.filter(meeting=meeting))
    languages = ["en", "fr", "ru"]
    DiscussionPost.objects.bulk_create(
        DiscussionPost(
            thread=rng.choice(threads),
            author=rng.choice(authors),
            language=(language := rng.choice(languages)),
            text=" ".join(sentence(rng, VOCABULARY[language]) for _ in range(3)),
            status="approved",
            created_at=timezone.now(),
        )
        for _ in range(count)
    )
    return count


def registration_window_open(meeting) -> None:
    """Registration for ``meeting`` opened yesterday and closes in 30 days."""
    from django.utils import timezone

    from sessions_app.models import KeyDate

    now = timezone.now()
    meeting.key_dates.filter(kind=KeyDate.Kind.REGISTRATION_OPENS).update(
        at=now - datetime.timedelta(days=1)
    )
    meeting.key_dates.filter(kind=KeyDate.Kind.REGISTRATION_CLOSES).update(
        at=now + datetime.timedelta(days=30)
    )


def registrations_create(*, rng: random.Random, meeting, count: int) -> list:
    """``count`` people (no password) registered for ``meeting``, four in five approved, of
    random categories, countries, parts and attendance; returns the people."""
    from registration.models import MemberState, Registration, StakeholderCategory, User

    states = list(MemberState.objects.all())
    categories = list(StakeholderCategory.objects.all())
    users = User.objects.bulk_create(
        User(email=f"person{n}@bench.org", full_name=f"Person {n}") for n in range(count)
    )
    Registration.objects.bulk_create(
        Registration(
            meeting=meeting,
            user=user,
            parts=rng.choice(["hearing", "conference", "both"]),
            attendance=rng.choice(["in_person", "online"]),
            consent_privacy=True,
            status=rng.choice(["approved"] * 4 + ["pending"]),
            stakeholder_category=rng.choice(categories),
            country=rng.choice(states),
            gender=rng.choice(["woman", "man", "another", "undisclosed", ""]),
        )
        for user in users
    )
    return users


def accounts_create(prefix: str, count: int, password_hash: str) -> list:
    """Verified accounts that share one password hash (hashing is the server's cost, not the
    bench's)."""
    from allauth.account.models import EmailAddress

    from registration.models import User

    users = User.objects.bulk_create(
        User(email=f"{prefix}{n}@bench.org", full_name=f"{prefix} {n}", password=password_hash)
        for n in range(count)
    )
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users
    )
    return users


def sessions_create(users: list) -> list[str]:
    """A signed-in session for each user, as django.contrib.auth.login() leaves it."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    engine = import_module(settings.SESSION_ENGINE)
    keys = []
    for user in users:
        session = engine.SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        keys.append(session.session_key)
    return keys
