#!/usr/bin/env python3
"""Writes the four access exports of an org of USERS users, in the layouts of the samples (sf CLI for User,
PermissionSetAssignment and TwoFactorMethodsInfo, Data Loader's quoted capitals for UserLogin):

    benchmarks/generate-access-exports.py DIR USERS ASSIGNMENTS

One user in fifty is an integration user (username not its email; a third of them with the Integration licence);
one integration user in four holds Modify All Data through a permission set; nine people in ten have a strong
MFA method; one account in fifty is frozen; one password in thirty is older than 90 days. Every user has their profile's assignment and the rest of
ASSIGNMENTS is spread over them. Prints the file names with their row counts."""
import os
import random
import sys

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"
PERMISSIONS = ["ApiEnabled", "ApiUserOnly", "ModifyAllData", "ViewAllData", "AuthorApex", "ManageUsers", "CustomizeApplication", "BypassMFAForUiLogins"]


def user_id(n):
    """The 18-character id of the n-th user: 005 and a base-62 number, with its checksum."""
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    body = ""
    for _ in range(12):
        body = digits[n % 62] + body
        n //= 62
    short = "005" + body
    suffix = ""
    for block in range(3):
        bits = 0
        for i in range(5):
            if short[block * 5 + i].isupper():
                bits |= 1 << i
        suffix += ALPHABET[bits]
    return short + suffix


def main():
    folder, users, assignments = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    os.makedirs(folder, exist_ok=True)
    rng = random.Random(14)
    people = []
    for n in range(users):
        integration = n % 50 == 0
        username = f"integration{n}@example.com" if integration else f"user{n}@example.com"
        email = "it-integrations@example.com" if integration else username
        people.append((user_id(n + 1000), username, email, integration, n))

    with open(os.path.join(folder, "user.csv"), "w", newline="") as out:
        out.write("Id,Username,Name,Email,IsActive,UserType,Profile.Name,Profile.UserLicense.Name,UserRole.Name,LastLoginDate,LastPasswordChangeDate,CreatedDate,FederationIdentifier\n")
        for uid, username, email, integration, n in people:
            licence = "Salesforce Integration" if integration and n % 30 == 0 else "Salesforce"
            profile = "Minimum Access - API Only Integrations" if licence == "Salesforce Integration" else ("Integration User" if integration else "Standard User")
            # Passwords expire every 90 days for most; one in thirty is older.
            changed = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T08:00:00.000+0000" if n % 30 == 3 else f"2026-{rng.randint(9, 11):02d}-{rng.randint(1, 28):02d}T08:00:00.000+0000"
            out.write(f"{uid},{username},User {n},{email},{'false' if n % 97 == 0 else 'true'},Standard,{profile},{licence},,2026-11-28T10:00:00.000+0000,{changed},2024-01-01T09:00:00.000+0000,\n")

    header = "AssigneeId,Assignee.Username,PermissionSet.Name,PermissionSet.Label,PermissionSet.IsOwnedByProfile,PermissionSet.Profile.Name," + ",".join("PermissionSet.Permissions" + p for p in PERMISSIONS)
    rows = 0
    with open(os.path.join(folder, "permissionsetassignment.csv"), "w", newline="") as out:
        out.write(header + "\n")
        extra = max(0, assignments - users)
        for uid, username, _, integration, n in people:
            profile_flags = ["true", "true" if integration and n % 30 == 0 else "false", "false", "false", "false", "false", "false", "false"]
            out.write(f"{uid},{username},X00e{n % 7},Profile {n % 7},true,Profile {n % 7}," + ",".join(profile_flags) + "\n")
            rows += 1
            share = extra // users + (1 if n < extra % users else 0)
            for k in range(share):
                powerful = integration and n % 200 == 0 and k == 0
                flags = ["true", "false", "true" if powerful else "false", "true" if powerful else "false", "false", "false", "false", "false"]
                out.write(f"{uid},{username},Set_{(n + k) % 40},\"Set {(n + k) % 40}, objects\",false,," + ",".join(flags) + "\n")
                rows += 1

    with open(os.path.join(folder, "twofactormethodsinfo.csv"), "w", newline="") as out:
        out.write("UserId,HasUserVerifiedMobileNumber,HasUserVerifiedEmailAddress,HasVerifiedMobileNumber,HasSalesforceAuthenticator,HasTotp,HasU2F,HasBuiltInAuthenticator,HasSecurityKey,HasTempCode\n")
        for uid, _, _, integration, n in people:
            if integration:
                continue
            strong = "false" if n % 10 == 1 else "true"
            out.write(f"{uid},true,true,false,{strong},false,false,false,false,false\n")

    with open(os.path.join(folder, "userlogin.csv"), "w", newline="") as out:
        out.write('"USERID","ISFROZEN","ISPASSWORDLOCKED"\n')
        for uid, _, _, _, n in people:
            out.write(f'"{uid}","{"true" if n % 50 == 7 else "false"}","false"\n')

    print(f"user.csv {users} permissionsetassignment.csv {rows} twofactormethodsinfo.csv {users - (users + 49) // 50} userlogin.csv {users}")


main()
