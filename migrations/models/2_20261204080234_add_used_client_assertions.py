from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

_UPGRADE = {
    "sqlite": """
        CREATE TABLE IF NOT EXISTS "used_client_assertions" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "jti_digest" VARCHAR(64) NOT NULL,
    "expires_at" TIMESTAMP NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "client_id" CHAR(36) NOT NULL REFERENCES "oauth_clients" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_used_client_client__562fdb" UNIQUE ("client_id", "jti_digest")
) /* The ``jti`` of an accepted private_key_jwt assertion, kept until it expires. */;
CREATE INDEX IF NOT EXISTS "idx_used_client_expires_b3ecc2" ON "used_client_assertions" ("expires_at");""",
    "postgres": """
        CREATE TABLE IF NOT EXISTS "used_client_assertions" (
    "id" UUID NOT NULL PRIMARY KEY,
    "jti_digest" VARCHAR(64) NOT NULL,
    "expires_at" TIMESTAMPTZ NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "client_id" UUID NOT NULL REFERENCES "oauth_clients" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_used_client_client__562fdb" UNIQUE ("client_id", "jti_digest")
);
CREATE INDEX IF NOT EXISTS "idx_used_client_expires_b3ecc2" ON "used_client_assertions" ("expires_at");
COMMENT ON TABLE "used_client_assertions" IS 'The ``jti`` of an accepted private_key_jwt assertion, kept until it expires.';""",
}

_DOWNGRADE = {
    "sqlite": """
        DROP TABLE IF EXISTS "used_client_assertions";""",
    "postgres": """
        DROP TABLE IF EXISTS "used_client_assertions";""",
}


async def upgrade(db: BaseDBAsyncClient) -> str:
    return _UPGRADE[db.capabilities.dialect]


async def downgrade(db: BaseDBAsyncClient) -> str:
    return _DOWNGRADE[db.capabilities.dialect]


MODELS_STATE = (
    "eJztXe1z27YZ/1dw+rJ0p+ZiOfFy6253suOmbpx4Fytbb82OgklYQkwRLEDa0br+7wNAUn"
    "wDaUKiLJLBlzYm8IDU78HL847fRyviIJc9n9o2YmxG7pA3+iv4feTBFeL/UDWPwQj6ftoo"
    "HgTwxpX9oexoBaKnbIE3LKDQDnjjLXQZ4o8cxGyK/QAT8S4vdF3xkNi8I/YW6aPQw7+FiI"
    "+1QMESUd7w63/4Y+w56CtiyZ/+nXWLkevkPhs74t3yuRWsffns06eLNz/KnuJ1N5ZN3HDl"
    "pb39dbAk3qZ7GGLnuaARbQvkIQoD5GR+hvjK+Gcnj6Iv5g8CGqLNpzrpAwfdwtAVYIz+dh"
    "t6tsAAyDeJ/7z8e/xpmW6W9eFqZl2fzyxrpIGdTTyBO/YCAdTvf0TjpoDIpyPxgrOfph+f"
    "HZ98JyEgLFhQ2SjhGv0hCWEAI1IJeoqygxeIBWWkz5aQqpFOKQpo84/dD84JRHsAdbSCXy"
    "0XeYtgyf88eVkD8j+nHyXOJy8lzoSviGi9fIhbJrJJwJ3Cy2wixijB+/P11Qc1vClFAV4H"
    "2wH4H3BxBL4uzMmDFOd0LSsm9E2I3QB77Ll43yHmtEBIjLxi7Dc3C/Oz99Nfihw4u7w6LU"
    "5+McBpgR3oq495swUVM/4NBzPAK6RmS56yyJqY9Hnyj30xaI8roYYVs4v359ez6ft/5Pjx"
    "Zjo7Fy0T+XRdePrspMCjzSDgXxezn4D4E/z76sN5kW2bfrN/j8Q3wTAglkceLOhkMUkeJ4"
    "9ybKbonh9ezhZszlO2wOZ4MzNcbp/LNkUC9y24nKcc4GLm8xg6V567jmdgT9geL5ZarnPp"
    "lIReYOmJh3mqHcTE/qznR4XCzEpyMdKGNEfUpuA9CEgXFGojmqXZL6BPKWK3g2eAPH1Ac0"
    "RminJIhbZ9e6fUBOXsK6P7I6EIL7x3aC0xvuAfAj0bKRCN7Qxvk3F6OU3Tp+n7KXzY2Cdy"
    "i5T/eP6TURBpzNPrs+mb85FiZ20B1atpGCzPNqP1c8I+Cm7uTHkc3Wh9t4DubDPQQIHN7Y"
    "SPAxuLSy0gO01H6qVk9SiyeclSDa3YdW+gffcAqWPltl/RQiak8GTTt9y0mqyKT6AHFxIf"
    "8UPEZxegV9uCE67U2oFFp2Ym4NEUfORwejhYg5AhOgbY4UsZ8291ALQpYQxEk5CBmzWYz7"
    "Ezn4NnwRKBq4s3Z/wBC2/m8++ejwrcaXVgY47ugAwyrjFHoxXEro41ekMwOGP08eRFA2s0"
    "71VpjpZtBQOogMu6R1SunzLQp4S4CHo1WOeIC6DfcOp9HaKbJ087l0+vri5zlpHTi1kB70"
    "/vT88/PjuSbOCdcLT5X3yYFbD3IWMPhO/qS8iWOnO8RLjVXO/Y+Zqf7JNXrxpMdt6rcrLL"
    "tjzg8v8aOCf9BwjviyZ7Ce9VDe+L0l6ywPfIs3RBzlMND+qjRlAf1UB9VIb6Fq6wu9bGuk"
    "BmwG4Etk/RLaIUOZaQN3UxV1Mb6BtB7xIbulpwpxTDg/i4yZl4XH0kHpdORAcz8cO38ZkV"
    "SI1r1LhGjWu0W67R0He25Hqe0nC9K1xXLHb59SU3TrWFMWfUTeM6FTFppzH9j+8+IhdKhM"
    "uTQR1M2sudvmTazZvAQ/67Kf6vBIL35e/aFbPsiGf8WQ/XUSPoRCviBDvidRYNM1SUpCNx"
    "R4ia+lr7uAAZX3B83B0RuiQL7F1HQw11Jq3Q6gZRtsT+jmC93ww0JKj26mPz8Tu0HqlcbF"
    "HLuNbD5mPrDq0be9h8zsBbQlcAOivsAU4Knnkkdn99BwgFMP4DTP9xIdpV7rQtRvnsffaE"
    "9ASEW+36p+n3k1cnIEoEAORWPhXDYAZYQChyfgDzuTCE4K/zuXiKAwZuMWXBZ8/mqjz/mX"
    "yajQFbkgcP8G8QQeaclgDoAf4IUWDzfwXIdcW4DEAf0sB48PrgwTMJJXtNKIlWla5BMqJo"
    "B95Da3J5K+RJEyNkUTvL2CBPDuo06ja4e/Ea+YiucJVkV50WVSAzuVE560QbuVHGZli9LP"
    "ppPWpiM+xQRlw3ldSuM7mRP8CFLBD+yG1Wd5HWcLrLnDapj98Clw+aDdMfvm6fDPP0mQXd"
    "RLWNxIIDRb+HDg7O71FFAHzaOq610Il+FhIdTSmUgVuuOFsJjQAroV2t/+epBmgFOJ40Ck"
    "OviUIvmgAiyFST+jGYlVN7AJFe7dsJoZ24ejQQVjuHWpvEQ7LDBpDyfVx7tyiQDW8mt79b"
    "xJDpbRc5ouGh3P58poj/TKYLc57K4Pw4zg4KIHa1TN8Zkm6YvcVrjdn7IGbvJz1Ch2v1Nv"
    "YTYz95ElT7bD8pRqsqzSiKkNY6a0opptYYVYZtVDHhQHsW2x1MkR1YIcV6gnueboB2q8mL"
    "puErtfErpQAWU9K3U/K7R2L5oXHAFlELHANQV18dNbG+8F6VE162FRQkfkxb9hK64jVaSJ"
    "cphwf50eR1kwjEyevqEETRVge5teKyDdGyy1QOMDwGNIG/GvwS9EJEtRJ9XccakCMcYAxc"
    "T7T/RuETcWqRxfSsnQWy4a2l9uXTDoUXmgW1x3oD/KeFq+2sqHlSE3fWaT73ylhuYsTbsZ"
    "YfuOR+1zi9i6HM1NzfI6QHrLnfnzPH1NzvkJvMlIfXcpZploc/RBXzvkLbpIy5Kb2/Jw9v"
    "6RBrAdeBlYYpolp5DQf/APDh0+XlofzmZzCALllcC5/PSOEyz7WP67zldtTTSt1HTWqEyN"
    "5AvHQclfLwYRAg6gHkORx4UW1jPn/+5/kc3EbNLvQ85ICoVqyqXkgLI+7gpj9sPn6HnMct"
    "FlytcddnvrQE+gx9DapCFHNkg/Am1ynw57/M6h2ZG/398urD26R70btZKIxAGFbjfuFVwJ"
    "4lKWCO93emvtjXdF+IL/h+cvTyLy9fH5+8fM27yK/cPPlLDU/K9fYXlIS+ZkBzlmYQs3gf"
    "Bv4ahUbi14L0Io/Ht8lgPcO8uQyTTrYuhf5FeuQ1silSJk/m2mtFGCK9orHaxiRBQ0Fmpi"
    "w0RjwEotFANNoPsvYYlzg4yvx0ErXGPHSPaFyHrCzOtDSuKIg2TUiWkHEy3gpdQMkDAw9L"
    "7CIuCVESyFBHQHijC33212hYiu4xCVn8rs/eHUI+pyL0TshTXA3DLhepUg8YF692lKJMsK"
    "MJduzlWWO8T82gH673qUMhBN20lXSdyc08y8YdZnwNXRLOG/gaDiSdx2XRVYJ5WjG9xqwY"
    "V2dvJodLRYyJuryxh0BKu3x0ymVaJ7b4RViVhW1dYoWA+2vWixNP4f8YqbdLUq9JiOhUQo"
    "SRkr9FKdnc/TM0rivE5vIlNSYyz0TmdRTSGlXEBObsLzDHqHnDUPOi+B2FkrcJ7KlW8dKr"
    "pR5X8K48BHJ1GYQ/JNHKfgDCrbEG8s44ICiR5zBwS8kKoK98XHctfCdlza+1UY3PowNb+d"
    "hof33R/jqTv2ps5d9m+qpxOJYpjVLdlfXVxJRirlD4FjbRhFd8HjO9QsllSlMJoElB6oOa"
    "qjqGtrFUdRRSk/No4hD6ZqA6dM5jN/dWk/LY5ZTHaqNqbi5zldWSZsIdbzafyqFmYqQB4V"
    "6y/BSK6+4Kmqq67zD2goIqcMtPr2UrE+1jNNbgZto+XR2XZIG968g6NVJ4PHLt4zrHhyt6"
    "WrGhy9SWHrjrwaRb7FVj1zUvt5k1OWhgO+Oj6ejpMwj7YofSVgyb98hmDuE2roIsnXEUdJ"
    "nDxglYfVAO1wloImtNGGiXTGpNjJWHCVR8j1Y3iLIl9kcK3T3TOq7T3Febfk0rXW2Syv7E"
    "RKEGG4lCVBBEtscxeMDBUlZboMRFDOAALAn/OeIRVQQs7j6cMnkttRknk90kr3XMhsAEAN"
    "sc7wVSI8UZKc5IcUaK0+P0U9q1TIREhyCtkYuNo7lFR/OhgyO6uQd0W9/IuGaFtF3m13vo"
    "rWdE/Lchvz7ycXrnh6jhlfxZVkHXSn4kFV5qLrFsmvO61S2hkgt3aJ1AHLN5w6C4KSWMOw"
    "RLSsLFstC2YZJymvDnVgn2P2pVymxkl0KnLAR+NSs/aLzBA9fkaoJhay5KrAmGNa7Lsuvy"
    "sNW4D60oFe8XboDupP524VLGUTQfJU760zghGyDaRycNwD4qqpqZ2ucnJS+877vYjqLldP"
    "FW0T4d6KMHdLOvvXnfqMsYOwt5jk/4Ky15QOvfb1s/ygCn/3GTi52Pq+91Pi5d65y9AV4r"
    "fbtEaLK4c9awNrK4RbvlkgUJA2trRtUOYpjWOtOg65IHrnbpV0QoUxr2tM6e6Mag6EUavC"
    "mQGcbsbd3YhDKLULzAqiD8x1dPkd6wqnVWUfRbyM8Ry7+zFfLyKSEugl6V2JAnLXDnhtPu"
    "iy2JAv60DDi9urrMMeD0ongL0Kf3p+dcfpbc4J1wZDgr32TD7rBv2WlxXw3Yi6RPCPvmSW"
    "9x//Jwp7UTJf132nn6EwSwly1G2KDtpbhBzk2EVy6z6iiH1SMMr07D5EVTK1StGapkh1Jg"
    "mJQPijdyhb5euxE1HNHsTxr7UzZB1goCt8ySyqvjVKRbXSHXteXR8iVy2NkK3iKZgbYMbS"
    "7tVhNfJa0B+TGQuTJrI3ERG/EchWTTEO7SKObuySLsyJOhoZpnZIbKqEfNj0ET21k9r4cb"
    "22luPBga1xWB3KVaHSb61ESfdiVGch9ljkydo37UOeoldJkbmLdHq3j78xCBSu7I2xWq1O"
    "4+RJTSaya2h2hzm8UQAcoXFjOVxR4FLGTCjxsFM0LGEBVv2RW4T3zQaNOaJkMOCb/Wci0S"
    "P7rJuWgh5yKTdNA83yIXjZ7JtUhWRJFBbeVb5LYWRcJFceupzrgol1I0KRfDTbkwBfj2mm"
    "xhSohtM587btEqGzIpCbY0ZOYpTQGKTnPZ3CrzDXDZuKKqT8t+OiWauKLMPSytVxmJwu71"
    "EM3SmKottU6eBW3Hx9Oi+a4jWn7Ow5OdUebq5ZbB7ezVy9KmozKDxLaeGvNHYplpUL8wLi"
    "34vUz6cmRdwR8ADhgQbwWYgYclDGTJwflcjjufA9uFeAVsSClGTFHEsJ0xH6lkKFExZQw7"
    "ZYkxdRnSnPVGEfFHNQHxR4q6DEau/wblehNsZIKNuiIt7RRs1JqPsFhKbDcPYb44dK9s/7"
    "p+wvxPLXoLU5dr3ldYKsBW9BhmnIlt1GYrB8Jk3Ji78XpHnaZXzC781iK3y472PNdzilEz"
    "ju/kId6EEVRqRNf2Ejmhi+glgkypGxV6jOu0JJb05UIb79xYYZK9ufbCVRj+kxggnijSHk"
    "08QENRrj0Z2gFfyM0YsNBeAsgAxw5IZwkfS6U2tTjyDk7rwwrxA3SlVutLong/ojpgpxQD"
    "1JmM77obgnSXFKRKf1dJnD+Mle5a2Lje8hNQee9IpvWRs4j3sxaiY+NzSPYG5BZE9Zqicw"
    "MzEKfv8dPDXYOHJfIAukeUnw9cQcYeYuLaELQSPR1+wKjOoRZH3uEcEpKGxs4YdzenkPYp"
    "FODA1TrxNwQDPIP2Uk81+2UlnGfoa0W+c4FsEGjXHTvnv8xyJ06pkMvm1Lm8+vA26V6s7t"
    "LfFOjNk97mQEMfp/VQxbGg2MJrgVcPYHigwQMf0RWOStr4xMX2eitG1IxiuKGzIkIHb7kU"
    "8pQGdQ3UxXdsBXqe0GCus+8QhtUSTmVBlyyJqd5SBNSUlqiGup/eXoUxY2P1bmjLyKRRVx"
    "R41koN5jqhSxbSTNHDabCvbMR6iw+i94jGmecqm0+2fVxr9ZE9rUw+fBO7j3idAyj0HLIC"
    "EW3qCBBBVcIZIE02DC88Bs6uP/4Iokw4lbFn1+GMp6EPNp576IZaWG8IBmF1KMRmTV43ic"
    "2avK6OzRJtJjZr2Kd1VWxWVzwPfDvmqL+TDvnyKZS21p9BUT/h1298Av18dX0OYkJ5PPgQ"
    "U9XZou742fvsTeWfmAE/vHExW/IjCHvyuPn5X++uwS3lh9F8nq6M+Xwcnz+i6bM3n/NvxP"
    "e8lclWEHoBdkU8MV8kdEPCTzXhVb9HLB0bBoI89e/JfrcBorE3Q55t4mp18T7+XUt+Dka9"
    "nZ1dGnrXwt2ZC+G2PO6gu9ABOu4+xKOu9auzfCqXnfXl4a4Mcc01QHmyp78V4zA+jf3cyy"
    "T2TFubAzkqw4AdGGBkvW9F1svXuU8lDl2+F2kHyPmecLoyoChfJiGRInUZnac0ZRK6zOUO"
    "RQcaLg8xODBOB1Ko52miULVqHuXamPJlA0+aZW6opawm/YdnFjhuYhY4rjYLHJt74p82rp"
    "EFMAgVLsiaybuheMKLyqXwjfa1K+zb4GKUzWroh6tsmuCPoXG91eAPc1uD3m0NPt54uHYA"
    "ysexP62X2txjF1qIcFN0r0601rvIgo90ft8sxbqfUJm7P7aELrqswdzWUI1QbW0LHZR2K2"
    "vRB6gqy0LowDTMKnd5a7b6KgWtaz+2vEWhq/Ds0+qnuulDYQKsuBCk2h6ovpakkXlwNJPF"
    "9r4EeD4Xib3QA0KC9DkjQeKZ5/KR9eUhAJuhx+CO94gja3AQB8EogkjbHFwEB4nxohkE5L"
    "wBK3iHGICAIt+Faz7sZhj+ezk9STKRN9UyRMDqZ48tIY1Df4T57QayyqzkXzN1M/kvseIr"
    "AkyBwU7ZSjOcKaFdbXTKUw3QuPetF87oSCHkjlsbykYmY1qsXmD9NDKZOvFdqCdpSnDXSt"
    "/jvpTgniKK7aVKeI9bauV1mPbpjPu+MhVXubAVSbgx/7rrUm4lCbcmkQpRpkxyrkmlSkkG"
    "KHtOXr1q4lh+9arasSzainVEfB2E4+4DRHc/ZcSJFyjPp+rg8QyJiRzXjBw/aDDaH/8HdB"
    "I49w=="
)
