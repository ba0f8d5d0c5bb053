/* cli_user.c: `stepwise user add|list|card`: add users with a password (typed on standard input
 * or made and printed), list them, and issue a login card, on the database file directly. */
#include "server/cli_user.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sodium.h>

#include "player/i18n.h"
#include "server/auth.h"
#include "server/buf.h"
#include "server/config.h"
#include "tracking/store_accounts.h"
#include "tracking/store_plans.h"

static const char usage[] =
    "Usage: stepwise user add LOGIN --name \"Display Name\" [--admin] [--author] [--mentor]\n"
    "                         [--coordinator] [--language en] [--password-stdin] [--db FILE]\n"
    "       stepwise user list [--db FILE]\n"
    "       stepwise user pair MENTOR MENTEE [--group NAME] [--db FILE]\n"
    "       stepwise user card LOGIN [--public-url URL] [--db FILE]\n"
    "\n"
    "Manages the people who can sign in to Stepwise.\n"
    "\n"
    "  add LOGIN         add a user. LOGIN: small letters, digits and . _ - (e.g. anna.devries)\n"
    "    --name NAME     the name other people see (required)\n"
    "    --admin         may add users and login cards\n"
    "    --author        may write lessons\n"
    "    --mentor        may make plans for the mentees paired with them\n"
    "    --coordinator   pairs mentors with mentees (the pairings page), exports plan progress\n"
    "    --language TAG  the interface language (en, nl); without it, the browser's\n"
    "    --password-stdin  read the password from the first line of standard input; without\n"
    "                    it, a password is made and printed (shown only this once)\n"
    "  list              show every user: id, login, roles, status and name\n"
    "  pair MENTOR MENTEE  let MENTOR (who has --mentor) make plans for MENTEE (logins)\n"
    "    --group NAME    the group the mentee is guided in with others\n"
    "  card LOGIN        make a new login card (the old one stops working) and print the\n"
    "                    address its QR code holds; print the card from the admin pages\n"
    "    --public-url URL  the address people use  STEPWISE_PUBLIC_URL (http://HOST:PORT)\n"
    "  --db FILE         SQLite database file      STEPWISE_DB (data/stepwise.db)\n"
    "  -h, --help        show this help\n"
    "\n"
    "Mentee is not a role: it is a part within a plan.\n"
    "Exit status: 0 done, 1 failed, 2 bad usage.\n";

struct user_opts {
    struct config cfg;          /* db_path and public_url */
    const char *name;
    const char *language;
    const char *group;
    unsigned roles;
    int password_stdin;
    char **args;
    int nargs;
};

/* Returns 0, 1 after printing help (exit 0), or 2 after a usage error. */
static int parse(int argc, char **argv, struct user_opts *o)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},        {"name", required_argument, NULL, 'n'},
        {"admin", no_argument, NULL, 'a'},           {"author", no_argument, NULL, 'w'},
        {"mentor", no_argument, NULL, 'm'},          {"coordinator", no_argument, NULL, 'c'},
        {"group", required_argument, NULL, 'g'},
        {"language", required_argument, NULL, 'l'},  {"password-stdin", no_argument, NULL, 'p'},
        {"public-url", required_argument, NULL, 'u'}, {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    char *err = NULL;
    if (config_from_env(&o->cfg, &err) < 0) goto bad;
    int c;
    optind = 0;     /* 0 makes glibc start over (another command may have used getopt) */
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
        switch (c) {
        case 'h': fputs(usage, stdout); return 1;
        case 'd': if (config_set_option(&o->cfg, "db", optarg, &err) < 0) goto bad; break;
        case 'u': if (config_set_option(&o->cfg, "public-url", optarg, &err) < 0) goto bad; break;
        case 'n': o->name = optarg; break;
        case 'a': o->roles |= ROLE_ADMIN; break;
        case 'w': o->roles |= ROLE_AUTHOR; break;
        case 'm': o->roles |= ROLE_MENTOR; break;
        case 'c': o->roles |= ROLE_COORDINATOR; break;
        case 'g': o->group = optarg; break;
        case 'l': o->language = optarg; break;
        case 'p': o->password_stdin = 1; break;
        default:
            err = xasprintf("%s \"%s\" (see stepwise user --help)",
                            c == ':' ? "missing value for" : "unknown option", argv[optind - 1]);
            goto bad;
        }
    }
    config_public_url(&o->cfg);
    o->args = argv + optind;
    o->nargs = argc - optind;
    return 0;
bad:
    fprintf(stderr, "stepwise user: %s\n", err);
    free(err);
    return 2;
}

/* Opens the database; add creates it (and its folder), the other commands need it to exist so
 * that a mistyped --db fails instead of showing an empty list. */
static struct store *open_db(const char *path, int create)
{
    struct stat st;
    if (!create && stat(path, &st) != 0) {
        fprintf(stderr, "stepwise user: no database at %s (give --db FILE or set STEPWISE_DB)\n", path);
        return NULL;
    }
    char *slash = create ? strrchr(path, '/') : NULL;
    if (slash && slash != path) {
        char *dir = xstrndup(path, (size_t)(slash - path));
        if (mkdir(dir, 0755) != 0 && errno != EEXIST)
            fprintf(stderr, "stepwise user: cannot create folder %s: %s\n", dir, strerror(errno));
        free(dir);
    }
    char *err = NULL;
    struct store *s = store_open(path, &err);
    if (!s) fprintf(stderr, "stepwise user: %s\n", err);
    free(err);
    return s;
}

/* The first line of standard input, without its line end; NULL when there is none. */
static char *read_password(void)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n = getline(&line, &cap, stdin);
    if (n <= 0) {
        free(line);
        return NULL;
    }
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = '\0';
    return line;
}

static int user_add(struct user_opts *o)
{
    if (o->nargs != 1 || !o->name || !*o->name) {
        fprintf(stderr, "stepwise user add: give the LOGIN and --name, e.g. "
                        "stepwise user add anna --name \"Anna de Vries\"\n");
        return 2;
    }
    char *login = xstrdup(o->args[0]);
    auth_login_normalize(login);
    const char *problem = auth_login_problem(login);
    char *password = NULL, *err = NULL;
    int status = 2;
    if (problem) {
        fprintf(stderr, "stepwise user add: %s\n", problem);
        goto done;
    }
    const struct i18n_lang *lang = o->language ? i18n_find(o->language) : NULL;
    if (o->language && !lang) {
        char *tags = i18n_tags();
        fprintf(stderr, "stepwise user add: --language %s is not an interface language (%s)\n",
                o->language, tags);
        free(tags);
        goto done;
    }
    password = o->password_stdin ? read_password() : auth_password_generate();
    if (!password || strlen(password) < 8) {
        fprintf(stderr, "stepwise user add: the password needs at least 8 characters\n");
        goto done;
    }
    status = 1;
    struct store *s = open_db(o->cfg.db_path, 1);
    if (!s) goto done;
    int64_t id;
    int st = auth_user_create(s, login, o->name, lang ? i18n_tag(lang) : NULL, o->roles, password, &id, &err);
    if (st == STORE_OK) {
        printf("Added user %s (id %lld).\n", login, (long long)id);
        if (!o->password_stdin) printf("Password: %s\n(shown only now: give it to %s)\n", password, o->name);
        status = 0;
    } else if (st == STORE_CONFLICT) {
        fprintf(stderr, "stepwise user add: the login name %s is taken\n", login);
    } else {
        fprintf(stderr, "stepwise user add: %s\n", err ? err : "database failure");
    }
    store_close(s);
done:
    if (password) sodium_memzero(password, strlen(password));
    free(password);
    free(err);
    free(login);
    return status;
}

static int user_list(struct user_opts *o)
{
    if (o->nargs != 0) {
        fprintf(stderr, "stepwise user list: unexpected argument \"%s\"\n", o->args[0]);
        return 2;
    }
    struct store *s = open_db(o->cfg.db_path, 0);
    if (!s) return 1;
    struct store_user *users;
    size_t n;
    char *err = NULL;
    int status = 1;
    if (store_user_list(s, &users, &n, &err) == STORE_OK) {
        printf("ID\tLOGIN\tROLES\tSTATUS\tNAME\n");
        for (size_t i = 0; i < n; i++) {
            const struct store_user *u = &users[i];
            struct buf roles;
            buf_init(&roles);
            for (size_t j = 0; j < AUTH_NROLES; j++)
                if (u->roles & auth_roles[j].bit)
                    buf_printf(&roles, "%s%s", roles.len ? "," : "", auth_roles[j].key);
            printf("%lld\t%s\t%s\t%s\t%s\n", (long long)u->id, u->login,
                   roles.len ? roles.data : "-", u->active ? "active" : "blocked",
                   u->display_name);
            buf_free(&roles);
        }
        store_users_free(users, n);
        status = 0;
    } else {
        fprintf(stderr, "stepwise user list: %s\n", err ? err : "database failure");
    }
    free(err);
    store_close(s);
    return status;
}

static int user_card(struct user_opts *o)
{
    if (o->nargs != 1) {
        fprintf(stderr, "stepwise user card: give the LOGIN, e.g. stepwise user card anna\n");
        return 2;
    }
    struct store *s = open_db(o->cfg.db_path, 0);
    if (!s) return 1;
    char *login = xstrdup(o->args[0]), *err = NULL, *token = NULL;
    auth_login_normalize(login);
    struct store_user u;
    int status = 1, st = store_user_find_login(s, login, &u, &err);
    if (st == STORE_NOT_FOUND) {
        fprintf(stderr, "stepwise user card: there is no user %s (see stepwise user list)\n", login);
    } else if (st == STORE_OK && (st = auth_card_issue(s, u.id, &token, &err)) == STORE_OK) {
        char *url = auth_card_url(o->cfg.public_url, token);
        printf("%s\n", url);
        fprintf(stderr, "A new login card for %s: anyone with this address can sign in as them. "
                        "Their old card no longer works.\n", u.display_name);
        free(url);
        status = 0;
    }
    if (st == STORE_ERROR) fprintf(stderr, "stepwise user card: %s\n", err ? err : "database failure");
    if (token) sodium_memzero(token, strlen(token));
    free(token);
    store_user_clear(&u);
    free(login);
    free(err);
    store_close(s);
    return status;
}

/* Finds a user by login for a command; prints why not. */
static int find_user(struct store *s, const char *cmd, const char *typed, struct store_user *u)
{
    char *login = xstrdup(typed), *err = NULL;
    auth_login_normalize(login);
    int st = store_user_find_login(s, login, u, &err);
    if (st == STORE_NOT_FOUND)
        fprintf(stderr, "stepwise user %s: there is no user %s (see stepwise user list)\n", cmd,
                login);
    else if (st != STORE_OK)
        fprintf(stderr, "stepwise user %s: %s\n", cmd, err ? err : "database failure");
    free(login);
    free(err);
    return st;
}

static int user_pair(struct user_opts *o)
{
    if (o->nargs != 2) {
        fprintf(stderr, "stepwise user pair: give the MENTOR and the MENTEE, e.g. "
                        "stepwise user pair marco anna\n");
        return 2;
    }
    struct store *s = open_db(o->cfg.db_path, 0);
    if (!s) return 1;
    struct store_user mentor = {0}, mentee = {0};
    char *err = NULL;
    int status = 1;
    if (find_user(s, "pair", o->args[0], &mentor) != STORE_OK ||
        find_user(s, "pair", o->args[1], &mentee) != STORE_OK)
        goto done;
    if (!(mentor.roles & ROLE_MENTOR) || mentor.id == mentee.id) {
        fprintf(stderr, "stepwise user pair: %s\n", mentor.id == mentee.id
                ? "a mentor cannot be their own mentee"
                : "the mentor needs the mentor permission first (an admin gives it)");
        goto done;
    }
    struct plan_pairing pp = {.mentor_id = mentor.id, .mentee_id = mentee.id,
                              .group_name = (char *)(o->group ? o->group : "")};
    int st = store_pairing_add(s, &pp, NULL, &err);
    if (st == STORE_ERROR) {
        fprintf(stderr, "stepwise user pair: %s\n", err ? err : "database failure");
        goto done;
    }
    printf(st == STORE_CONFLICT ? "%s already mentors %s.\n" : "%s now mentors %s.\n",
           mentor.display_name, mentee.display_name);
    status = 0;
done:
    store_user_clear(&mentor);
    store_user_clear(&mentee);
    free(err);
    store_close(s);
    return status;
}

int cli_user(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage, stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help")) {
        fputs(usage, stdout);
        return 0;
    }
    struct user_opts o = {0};
    config_defaults(&o.cfg);
    int status = parse(argc - 1, argv + 1, &o);
    if (status == 1) status = 0;
    else if (status == 0 && !strcmp(cmd, "add")) status = user_add(&o);
    else if (status == 0 && !strcmp(cmd, "list")) status = user_list(&o);
    else if (status == 0 && !strcmp(cmd, "card")) status = user_card(&o);
    else if (status == 0 && !strcmp(cmd, "pair")) status = user_pair(&o);
    else if (status == 0) {
        fprintf(stderr, "stepwise user: unknown command \"%s\" (see stepwise user --help)\n", cmd);
        status = 2;
    }
    config_free(&o.cfg);
    return status;
}
