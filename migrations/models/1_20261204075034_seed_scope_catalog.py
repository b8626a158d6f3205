"""Seed the scope catalog: the available sign-in scopes and the planned groups.

The planned groups are disabled roadmap entries with no readiness item done.
"""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        INSERT INTO "scope_groups" ("key", "title", "description", "enabled", "api_endpoint_ready", "permission_policy_ready", "audit_ready", "docs_ready", "position", "updated_at") VALUES ('openid_connect', 'OpenID Connect sign-in', 'Scopes that external apps use to sign in a Ringnity user and read identity claims.', TRUE, TRUE, TRUE, TRUE, TRUE, 0, CURRENT_TIMESTAMP);
        INSERT INTO "catalog_scopes" ("name", "group_id", "description", "position") VALUES ('openid', 'openid_connect', 'Required for OpenID Connect sign-in; returns an ID token.', 0);
        INSERT INTO "catalog_scopes" ("name", "group_id", "description", "position") VALUES ('profile', 'openid_connect', 'Display name and other basic profile claims.', 1);
        INSERT INTO "catalog_scopes" ("name", "group_id", "description", "position") VALUES ('email', 'openid_connect', 'Email address and whether it is verified, for local account matching.', 2);
        INSERT INTO "catalog_scopes" ("name", "group_id", "description", "position") VALUES ('tenant.read', 'openid_connect', 'Tenant id, slug and company name.', 3);
        INSERT INTO "catalog_scopes" ("name", "group_id", "description", "position") VALUES ('roles.read', 'openid_connect', 'Names of the roles the user holds in the tenant.', 4);
        INSERT INTO "scope_groups" ("key", "title", "description", "enabled", "api_endpoint_ready", "permission_policy_ready", "audit_ready", "docs_ready", "position", "updated_at") VALUES ('user_profile', 'User profile', 'Read and change a user''s profile and photo.', FALSE, FALSE, FALSE, FALSE, FALSE, 1, CURRENT_TIMESTAMP);
        INSERT INTO "catalog_scopes" ("name", "group_id", "description", "position") VALUES ('user.profile.*', 'user_profile', 'User profile fields.', 0);
        INSERT INTO "catalog_scopes" ("name", "group_id", "description", "position") VALUES ('user.avatar.*', 'user_profile', 'User profile photo.', 1);
        INSERT INTO "scope_groups" ("key", "title", "description", "enabled", "api_endpoint_ready", "permission_policy_ready", "audit_ready", "docs_ready", "position", "updated_at") VALUES ('tenant_business', 'Tenant / business', 'Business profile, logo, colors, settings and domains.', FALSE, FALSE, FALSE, FALSE, FALSE, 2, CURRENT_TIMESTAMP);
        INSERT INTO "catalog_scopes" ("name", "group_id", "description", "position") VALUES ('tenant.profile.*', 'tenant_business', 'Business profile.', 0);
        INSERT INTO "catalog_scopes" ("name", "group_id", "description", "position") VALUES ('tenant.branding.*', 'tenant_business', 'Logo and colors.', 1);
        INSERT INTO "catalog_scopes" ("name", "group_id", "description", "position") VALUES ('tenant.settings.*', 'tenant_business', 'Tenant settings.', 2);
        INSERT INTO "catalog_scopes" ("name", "group_id", "description", "position") VALUES ('tenant.domains.*', 'tenant_business', 'Tenant domains.', 3);
        INSERT INTO "scope_groups" ("key", "title", "description", "enabled", "api_endpoint_ready", "permission_policy_ready", "audit_ready", "docs_ready", "position", "updated_at") VALUES ('staff_agents', 'Staff and agents', 'Staff management and agent availability.', FALSE, FALSE, FALSE, FALSE, FALSE, 3, CURRENT_TIMESTAMP);
        INSERT INTO "catalog_scopes" ("name", "group_id", "description", "position") VALUES ('staff.*', 'staff_agents', 'Staff accounts.', 0);
        INSERT INTO "catalog_scopes" ("name", "group_id", "description", "position") VALUES ('agents.*', 'staff_agents', 'Agents.', 1);
        INSERT INTO "catalog_scopes" ("name", "group_id", "description", "position") VALUES ('agents.presence.*', 'staff_agents', 'Agent availability.', 2);
        INSERT INTO "scope_groups" ("key", "title", "description", "enabled", "api_endpoint_ready", "permission_policy_ready", "audit_ready", "docs_ready", "position", "updated_at") VALUES ('sdk_runtime', 'SDK runtime', 'Backend-issued SDK runtime sessions.', FALSE, FALSE, FALSE, FALSE, FALSE, 4, CURRENT_TIMESTAMP);
        INSERT INTO "catalog_scopes" ("name", "group_id", "description", "position") VALUES ('runtime.tokens.write', 'sdk_runtime', 'Create SDK runtime tokens.', 0);
        INSERT INTO "catalog_scopes" ("name", "group_id", "description", "position") VALUES ('runtime.sessions.*', 'sdk_runtime', 'SDK runtime sessions.', 1);
        INSERT INTO "scope_groups" ("key", "title", "description", "enabled", "api_endpoint_ready", "permission_policy_ready", "audit_ready", "docs_ready", "position", "updated_at") VALUES ('contacts_conversations', 'Contacts and conversations', 'Customer records, message history, assignment and close actions.', FALSE, FALSE, FALSE, FALSE, FALSE, 5, CURRENT_TIMESTAMP);
        INSERT INTO "catalog_scopes" ("name", "group_id", "description", "position") VALUES ('contacts.*', 'contacts_conversations', 'Customer records.', 0);
        INSERT INTO "catalog_scopes" ("name", "group_id", "description", "position") VALUES ('conversations.*', 'contacts_conversations', 'Conversations and message history.', 1);
        INSERT INTO "scope_groups" ("key", "title", "description", "enabled", "api_endpoint_ready", "permission_policy_ready", "audit_ready", "docs_ready", "position", "updated_at") VALUES ('calls_recordings', 'Calls and recordings', 'Call logs, outbound calls and recording access.', FALSE, FALSE, FALSE, FALSE, FALSE, 6, CURRENT_TIMESTAMP);
        INSERT INTO "catalog_scopes" ("name", "group_id", "description", "position") VALUES ('calls.*', 'calls_recordings', 'Call logs, outbound actions and recordings.', 0);
        INSERT INTO "scope_groups" ("key", "title", "description", "enabled", "api_endpoint_ready", "permission_policy_ready", "audit_ready", "docs_ready", "position", "updated_at") VALUES ('ai_reports', 'AI and reports', 'AI assistants, knowledge, usage and reports.', FALSE, FALSE, FALSE, FALSE, FALSE, 7, CURRENT_TIMESTAMP);
        INSERT INTO "catalog_scopes" ("name", "group_id", "description", "position") VALUES ('ai.*', 'ai_reports', 'AI assistants.', 0);
        INSERT INTO "catalog_scopes" ("name", "group_id", "description", "position") VALUES ('ai.knowledge.*', 'ai_reports', 'AI knowledge bases.', 1);
        INSERT INTO "catalog_scopes" ("name", "group_id", "description", "position") VALUES ('ai.usage.read', 'ai_reports', 'AI usage.', 2);
        INSERT INTO "catalog_scopes" ("name", "group_id", "description", "position") VALUES ('reports.read', 'ai_reports', 'Read reports.', 3);
        INSERT INTO "catalog_scopes" ("name", "group_id", "description", "position") VALUES ('reports.export', 'ai_reports', 'Export reports.', 4);
        INSERT INTO "scope_groups" ("key", "title", "description", "enabled", "api_endpoint_ready", "permission_policy_ready", "audit_ready", "docs_ready", "position", "updated_at") VALUES ('webhooks_developer', 'Webhooks and developer', 'Integration administration.', FALSE, FALSE, FALSE, FALSE, FALSE, 8, CURRENT_TIMESTAMP);
        INSERT INTO "catalog_scopes" ("name", "group_id", "description", "position") VALUES ('webhooks.*', 'webhooks_developer', 'Webhooks.', 0);
        INSERT INTO "catalog_scopes" ("name", "group_id", "description", "position") VALUES ('developer.*', 'webhooks_developer', 'Developer settings.', 1);
        INSERT INTO "catalog_scopes" ("name", "group_id", "description", "position") VALUES ('sdk.keys.*', 'webhooks_developer', 'SDK keys.', 2);
        INSERT INTO "catalog_scopes" ("name", "group_id", "description", "position") VALUES ('oauth.clients.*', 'webhooks_developer', 'OAuth clients.', 3);
        INSERT INTO "scope_groups" ("key", "title", "description", "enabled", "api_endpoint_ready", "permission_policy_ready", "audit_ready", "docs_ready", "position", "updated_at") VALUES ('media_billing', 'Media and billing', 'File assets, logos, attachments and billing metadata.', FALSE, FALSE, FALSE, FALSE, FALSE, 9, CURRENT_TIMESTAMP);
        INSERT INTO "catalog_scopes" ("name", "group_id", "description", "position") VALUES ('media.*', 'media_billing', 'Files, logos and attachments.', 0);
        INSERT INTO "catalog_scopes" ("name", "group_id", "description", "position") VALUES ('billing.*', 'media_billing', 'Billing metadata.', 1);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DELETE FROM "catalog_scopes";
        DELETE FROM "scope_groups";"""


MODELS_STATE = (
    "eJztXVtz2zYW/isYvWy6o2ZiO3Ezzc7OyI6bunHiTqxsO206FExCEmqKYAHSjreb/74ASI"
    "k3kCYk0iIZvLQxgQNS38Hl3PH3aEUc5LKnE9tGjE3JDfJG34O/Rx5cIf4PVfMYjKDvJ43i"
    "QQCvXdkfyo5WIHrKFnjNAgrtgDfOocsQf+QgZlPsB5iId3mh64qHxOYdsbdIHoUe/itEfK"
    "wFCpaI8obf/+CPseegz4it//RvrDlGrpP5bOyId8vnVnDvy2cfP56//kH2FK+7tmzihisv"
    "6e3fB0vibbqHIXaeChrRtkAeojBATupniK+Mf/b6UfTF/EFAQ7T5VCd54KA5DF0Bxuhf89"
    "CzBQZAvkn85/m/409LdbOs95dT6+psalkjDexs4gncsRcIoP7+Eo2bACKfjsQLTn+cfHhy"
    "dPyNhICwYEFlo4Rr9EUSwgBGpBL0BGUHLxALikifLiFVI51Q5NDmH9sOzmuIWgB1tIKfLR"
    "d5i2DJ/zx+XgHyfyYfJM7HzyXOhK+IaL28j1sOZZOAO4GX2USMUYD3p6vL92p4E4ocvA62"
    "A/A/4OIIfF2Y1w8SnJO1rJjQ1yF2A+yxp+J9+5jTAiEx8oqxv9w0zE/eTX7Nc+D04vIkP/"
    "nFACc5dqDPPubNFlTM+NcczACvkJotWco8a2LSp+t/tMWgFldCBSum5+/OrqaTdz9n+PF6"
    "Mj0TLYfy6X3u6ZPjHI82g4Bfzqc/AvEn+O3y/VmebZt+099G4ptgGBDLI3cWdNKYrB+vH2"
    "XYTNEtP7ycLdicpWyAzfFmZrjcPJdtigTuW3A5SznAxcznMXQuPfc+noE9YXu8WCq5zqVT"
    "EnqBpSceZql2EBP7s54fFApTK8nFSBvSDFGTgvcgIF1QqI1omqZdQB9TxG4GzwB5+oBmiM"
    "wU5ZAKbXt+o9QE5ewrovsDoQgvvLfoXmJ8zj8EejZSIBrbGd6sx+nlNE2eJu+n8G5jn8gs"
    "Uv7j+U9GQaQxT65OJ6/PRoqdtQFULydhsDzdjNbPCfsguJkz5WF0o/XdALrTzUADBTazEz"
    "4MbCwuNYDsJBmpl5LVg8hmJUs1tGLXvYb2zR2kjpXZfkULOSS5J5u+xabV4Sr/BHpwIfER"
    "P0R8dg56tS14zZVKO7DoVM8EPJqADxxODwf3IGSIjgF2+FLG/FsdAG1KGAPRJGTg+h7MZt"
    "iZzcCTYInA5fnrU/6Ahdez2TdPRznuNDqwMUd3QAYZV5ij0QpiV8cavSEYnDH66PBZDWs0"
    "71VqjpZtOQOogMu6RVSunyLQJ4S4CHoVWGeIc6Bfc+q2DtHNk8edyyeXlxcZy8jJ+TSH98"
    "d3J2cfnhxINvBOONr8z99Pc9j7kLE7wnf1JWRLnTleINxqrnfsfM1O9sMXL2pMdt6rdLLL"
    "tizg8v8aOK/7DxDeZ3X2Et6rHN5nhb1kgW+RZ+mCnKUaHtQHtaA+qID6oAj1HK6we6+NdY"
    "7MgF0LbJ+iOaIUOZaQN3UxV1Mb6GtB7xIbulpwJxTDg/iozpl4VH4kHhVORAcz8cO38Znl"
    "SI1r1LhGjWu0W67R0He25HqW0nC9K1xXLHb59QU3TrmFMWPUTeI6FTFpJzH9D28/IBdKhI"
    "uTQR1M2sudvmDazZrAQ/67Kf6vBIL35e/aFbP0iKf8WQ/XUS3oRCviBDvidRoNM1SUpCNx"
    "R4jq+lr7uAAZX3B83B0RuiAL7F1FQw11Jq3Q6hpRtsT+jmC92ww0JKha9bH5+C26H6lcbF"
    "HLuNLD5mPrBt3X9rD5nIFzQlcAOivsAU4Knngkdn99AwgFMP4DTH4+F+0qd9oWo3zyPnlC"
    "egLCrXb14+TbwxfHIEoEAGQun4phMAMsIBQ5r8BsJgwh+PNsJp7igIE5piz45Nlclec/k0"
    "+zMWBLcucB/g0iyJzTEgA9wB8hCmz+rwC5rhiXAehDGhgPXh88eCahpNWEkmhV6RokI4pm"
    "4N23Jpe1Qh7XMULmtbOUDfJ4r06jboPbitfIR3SFyyS78rSoHJnJjcpYJ5rIjTI2w/Jl0U"
    "/rUR2bYYcy4rqppHadybX8AS5kgfBHbrO687SG013mtEl9/Bq4vNdsmP7wdftkmMfPLOgm"
    "qk0kFuwp+j10cHB2i0oC4JPWcaWFTvSzkOhoSqEM3HLF2UpoBFgB7XL9P0s1QCvA0WGtMP"
    "SKKPS8CSCCTDWpH4JZObUHEOnVvJ0Q2mtXjwbCaudQY5N4SHbYAFK+j2vvFjmy4c3k5neL"
    "GDK97SJDNDyUm5/PFPGfyXRhzlIZnB/G2UEBxK6W6TtF0g2zt3itMXvvxez9qEfocK3exn"
    "5i7CePgmqf7Sf5aFWlGUUR0lplTSnE1BqjyrCNKiYcqGWx3cEU2YEVUqwnuGfpBmi3OnxW"
    "N3ylMn6lEMBiSvp2Sn73SCw/1A7YImqBYwDq6ouDOtYX3qt0wsu2nILEj2nLXkJXvEYL6S"
    "Ll8CA/OHxZJwLx8GV5CKJoq4LcWnHZhmjZZUoHGB4D6sBfDn4BeiGiWmt9XccakCEcYAxc"
    "T7T/WuETcWqRxfSsnTmy4a2l5uXTDoUXmgXVYr0B/tPC1XZW1CypiTvrNJ97ZSw3MeLNWM"
    "v3XHK/a5zexVBmau63COkea+7358wxNfc75CYz5eG1nGWa5eH3UcW8r9DWKWNuSu+35OEt"
    "HGIN4Dqw0jB5VEuv4eAfAN5/vLjYl9/8FAbQJYsr4fMZKVzmmfZxlbfcjnpaifuoTo0Q2R"
    "uIl46jUh4+DAJEPYA8hwMvqm3MZk//OZuBedTsQs9DDohqxarqhTQw4g5u+v3m43fIedxg"
    "wdUKd33qSwugT9HnoCxEMUM2CG9ylQJ/9uu02pG50d8vLt+/WXfPezdzhREIw2rcz70S2N"
    "MkOcxxe2fqs7am+0J8wbeHB8+/e/7y6Pj5S95FfuXmyXcVPCnW219QEvqaAc1pmkHM4jYM"
    "/BUKjcSvAelFHo9v1oP1DPP6Mkwy2boU+hfpkVfIpkiZPJlprxRhiPSKxmobkwQ1BZmpst"
    "AY8RCIRgPRaK9k7TEucXCU+ekkao156BbRuA5ZUZxpaFxREG2yJllCxsl4K3QBJXcM3C2x"
    "i7gkREkgQx0B4Y0u9Nn30bAU3WISsvhdn7wbhHxOReiNkKe4GoZdLlIlHjAuXu0oRZlgRx"
    "Ps2Muzxnif6kE/XO9Th0IIumkr6TqT63mWjTvM+Bq6JJzX8DXsSTqPy6KrBPOkYnqFWTGu"
    "zl5PDpeKGBN1eWMPgZR2+eiUy7RObPGLsCoK27rECgH397QXJ57Cfxipt0tSr0mI6FRChJ"
    "GSv0Yp2dz9MzSuK8Tm4iU1JjLPROZ1FNIKVcQE5rQXmGPUvGGoeVH8jkLJ2wT2lKt4ydVS"
    "Dyt4lx4CmboMwh+y1speAeHWuAfyzjggKJHnMDCnZAXQZz6uey98J0XNr7FRjc+jA1v52G"
    "h/fdH+OpO/amzlX2f6qnE4FimNUt2V9VXHlGKuUPgaNtE1r/g8ZnqFkouUphJAnYLUezVV"
    "dQxtY6nqKKQm59HEIfTNQLXvnMdu7q0m5bHLKY/lRtXMXOYqqyXNhDvebD6RQ03FSAPCvW"
    "D5yRXX3RU0VXXfYewFOVVgzk+vZSMT7UM01uBmWpuujguywN5VZJ0aKTwemfZxlePDFT2t"
    "2NBlaksP3PVg0i1a1dh1zctNZk0OGtjO+Gg6evoMwr7YobQVw+YW2cwh3MZVkKYzjoIuc9"
    "g4AcsPyuE6AU1krQkD7ZJJrY6xcj+Biu/Q6hpRtsT+SKG7p1rHVZr7atOvbqWrTVLZP5go"
    "1GAjUYgKgsj2OAZ3OFjKaguUuIgBHIAl4T9HPKKKgMXdh1MmryU24/VkN8lrHbMhMAHANs"
    "d7jtRIcUaKM1KckeL0OP2Ydi0TIdEhSCvkYuNobtDRvO/giG7uAd3WN1KuWSFtF/n1Dnr3"
    "UyL+W5NfH/g4vfNDVPBK/iwrp2utfyQVXmousWyas7rVnFDJhRt0v4Y4ZvOGQXFTQhh3CJ"
    "aUhItlrm3DJOU04c+tAuxfKlXKdGSXQqfMBX7VKz9ovMED1+QqgmErLkqsCIY1rsui63K/"
    "1bj3rSjl7xeuge5h9e3ChYyjaD5KnPSn8ZpsgGgfHNcA+yCvaqZqnx8XvPC+72I7ipbTxV"
    "tF+3igj+7QdVt7c9uoyxg7C3mOT/grLXlA699vWz3KAKf/UZ2LnY/K73U+KlzrnL4BXit9"
    "u0Bosrgz1rAmsrhFu+WSBQkDa2tGVQ5imNY406DrkjuudulXRChSGvY0zp7oxqDoRRq8yZ"
    "EZxrS2bmxCmUUoXmBVEP7DqydPb1jVOKso+ivk54jl39gKefmEEBdBr0xsyJLmuHPNadti"
    "y1oBf1wGnFxeXmQYcHKevwXo47uTMy4/S27wTjgynBVvsmE32LfspLivBux50keEffOkt7"
    "j/eXejtROt+++08/QnCKCVLUbYoO2luEHOXQuvXGbVUQ7LRxhenYbDZ3WtUJVmqIIdSoHh"
    "unxQvJEr9PXKjajmiGZ/0tif0gmyVhC4RZaUXh2nIt3qCrmuLY+GL5HDzlbw5skMtEVoM2"
    "m3mvgqaQ3ID4HMlVkbiYvYiOcoJJuacBdGMXdP5mFHngwN1TwjU1RGPap/DJrYzvJ5PdzY"
    "TnPjwdC4rgjkLtTqMNGnJvq0KzGSbZQ5MnWO+lHnqJfQpW5g3h6t/O3PQwRqfUferlAldv"
    "chopRcM7E9RJvbLIYIULawmKkspgSssVyBtR/Y5Aw0kDOQCpqvny+QiaZO5QrEzwsMaipf"
    "ILM0FAkD+aVTnjFQLAVoUgaGmzJgCsi1mixgSmBtM587bpEpGuIoCbY0xGUpTQGFTnPZ3I"
    "ryFXDZuFLKT8t+GtXruFLMPSKNV8mIwsb1EE3TmKojlU6KBW3GR9Gg+akjWn7GQ5GeUebq"
    "4IbB7ezVwdKmozKDxLaeCvPH2jJTo/5eXBrvW5m05Mi6eK8ADhgQbwWYgbslDGTJvNlMjj"
    "ubAduFeAVsSClGTFGEr5kxH6jEJ1ExZfg6ZYkxdQWSnOtaEd0HFQHdB4q6Akau/wrlehMs"
    "Y4JluiIt7RQs05iPMF8KazcPYba4ca9s/7p+wuxPzXsLE5dr1ldYKCCW9ximnIlN1BYrBn"
    "Kk3Ji78XpHnaZXzM791jy3i472LNczilE9ju/kId6EEZRqRFf2Ejmhi+gFgkypG+V6jKu0"
    "JLbuy4U23rm2wiR7c+2FqzD8JzFAPFFkPJp4gIai3Ph6aAf8Sa7HgIX2EkAGOHZAOkv4WC"
    "q1qcGRd3Ba71eIH6ArtVxfEsXnEdUBO6EYoM5kfNfdEKS7pCCV+rsK4vx+rHRXwsb1hp+A"
    "ynszUq0PnEW8n7UQHWufQ7I3IHMQ1RuKzg3MQJx+xk8P9x7cLZEH0C2i/HzgCjL2EBPXXq"
    "CV6OnwA0Z1DjU48g7nkJA0NHbGuLs5hbRPoQAHrtaJvyEY4BnUSj3Q9JcVcJ6izyX5ujmy"
    "QaBddeyc/TrNnDiFQiSbU+fi8v2bdfd8dZL+pvBunvQ2hxf6OKnnKY4FxRZeCbx6AMMDDR"
    "74iK5wVJLFJy6277diRMUohhs6KyJ08JZLIUtpUNdAXXzHVqBnCQ3mOvsOYVgt4ZQWJEmT"
    "mOojeUBNaYRyqPvp7VUYMzZW75q2jFQacEmBYq3UVq4TumQhzRQ9nAZtZSNWW3wQvUU0zp"
    "xW2XzS7eNKq4/saaXyuevYfcTrHECh55AViGgTR4AIqhLOAGmyYXjhMXB69eEHEGXCqYw9"
    "uw5nPA19sPHcQjfUwnpDMAirQy426/Blndisw5flsVmizcRmDfu0LovN6orngW/HHPW30i"
    "FfPIWS1uozKOon/Pq1T6CfLq/OQEwojwcfYqo6W9QdP3mfvIn8EzPgh9cuZkt+BGFPHjc/"
    "/fL2CswpP4xms2RlzGbj+PwRTZ+82Yx/I77lrUy2gtALsCviifkioRsSfqoJr/otYsnYMB"
    "DkiX9P9psHiMbeDHm2iavBxfv4dy35ORj1dnZ2aehda3ZjLjTb8riD7kIH6Lj7EI+6xq9+"
    "8qlcdtafdzdFiCuuscmSPf6tDvvxabRzr5DYM21tDmSoDAN2YICR9b4WWS9bpz2ROHT5nq"
    "cdIOd7wunSgKJsmYS1FKnL6CylKZPQZS53KDrQcHmIwYFxOpBCPU8ShcpV8yjXxpQvG3jS"
    "LHNDLWV13X94ZoGjOmaBo3KzwJG55/xx4xpZAINQ4YKsmLwbike8aFsK36itXaFtg4tRNs"
    "uhH66yaYI/hsb1RoM/zG0DercN+Hjj4doBKB/H/rReanMPXcggwk3RrTrRWu8iBj7S2W29"
    "FOt+QmXurtgSuuiyAXPbQDlClbUtdFDaraxFH6AqLQuhA9Mwq9xlrdnqqxS0rq3Y8haFrs"
    "LTptVvgii2lyOF1S9uGVdZ/WDSpzNGv4oLchVTRhG6H5/y3TVENRK6XxF+yTdiZWpERQBm"
    "QjJEc9SLF3XMUS9elJujRFs++9DXQTjuPkB02yk+SLxAWVi2POQkRWLiTTTjTfbqwvryfw"
    "WN8QU="
)
