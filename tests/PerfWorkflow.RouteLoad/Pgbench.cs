using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace PerfWorkflow.RouteLoad;

/// <summary>
/// The pgbench ceiling for the transaction a route action runs, statement for statement (EF Core command log of submit and
/// withdraw with an Idempotency-Key): the idempotency lookup, the declaration, its open task and the cycle read one
/// round trip each, then one batch — audit row, version snapshot (submit), declaration UPDATE guarded by the version,
/// two outbox rows (submit), the closed and the new task, the idempotency answer — and COMMIT. Tables are copies of the
/// app's (same columns, indexes and storage options); payloads are the app's own (form JSON, answer JSON, outbox JSON).
/// </summary>
internal static class Pgbench
{
    // :n is three digits (100 + client): these are the uuids PrepareAsync gives the user and the declaration of a client.
    private const string User = "00000000-0000-0000-0001-000000000:n";
    private const string Id = "00000000-0000-0000-0000-000000000:n";

    private static readonly string[] Tables =
    [
        "declarations:bench_declarations", "work_tasks:bench_tasks", "audit_events:bench_audit",
        "declaration_versions:bench_versions", "outbox_messages:bench_outbox", "idempotency_records:bench_idempotency",
    ];

    /// <summary>Copies the tables and the load's 16 declarations (科室 s0…s15) with one open task each; payloads as given.</summary>
    public static async Task PrepareAsync(string connectionString, string answerJson, string submittedJson)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var pair in Tables)
        {
            var (source, copy) = (pair.Split(':')[0], pair.Split(':')[1]);
            await ExecuteAsync(connection, $"""
                DROP TABLE IF EXISTS {copy};
                CREATE TABLE {copy} (LIKE {source} INCLUDING ALL);
                DO $$ DECLARE o text; BEGIN
                  SELECT array_to_string(reloptions, ',') INTO o FROM pg_class WHERE relname = '{source}';
                  IF o IS NOT NULL THEN EXECUTE format('ALTER TABLE {copy} SET (%s)', o); END IF;
                END $$;
                """);
        }
        await ExecuteAsync(connection, """
            DROP TABLE IF EXISTS bench_payloads;
            CREATE TABLE bench_payloads (kind text PRIMARY KEY, body text NOT NULL);
            INSERT INTO bench_declarations SELECT * FROM declarations WHERE "SectionId" ~ '^s[0-9]+$';
            UPDATE bench_declarations SET "Id" = ('00000000-0000-0000-0000-' || lpad((100 + substr("SectionId", 2)::int)::text, 12, '0'))::uuid,
              "FormJson" = "FormJson" || '';
            INSERT INTO bench_tasks ("Id", "DeclarationId", "Kind", "CandidateRole", "CandidateSectionId", "CreatedAt", "DueAt", "FollowUpAt")
              SELECT gen_random_uuid(), "Id", 'Draft', 'SectionDrafter', "SectionId", now(), "DueAt", "DueAt" - interval '3 days' FROM bench_declarations;
            """);
        await using var payloads = new NpgsqlCommand("INSERT INTO bench_payloads VALUES ('answer', @a), ('submitted', @s); ANALYZE;", connection);
        payloads.Parameters.AddWithValue("a", answerJson);
        payloads.Parameters.AddWithValue("s", submittedJson);
        await payloads.ExecuteNonQueryAsync();
    }

    /// <summary>Runs submit and withdraw half and half, each client on its own declaration; answers transactions per second.</summary>
    /// <remarks><paramref name="prepared"/> runs pgbench -M prepared, as fair a ceiling as an app that prepares its statements.</remarks>
    public static async Task<double> RunAsync(string connectionString, int clients, int seconds, bool prepared = false)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        var submit = Path.GetTempFileName();
        var withdraw = Path.GetTempFileName();
        await File.WriteAllTextAsync(submit, prepared ? Prepared(Script(submit: true)) : Script(submit: true));
        await File.WriteAllTextAsync(withdraw, prepared ? Prepared(Script(submit: false)) : Script(submit: false));
        var start = new ProcessStartInfo("pgbench", ["-n", "-h", b.Host!, "-p", b.Port.ToString(CultureInfo.InvariantCulture), "-U", b.Username ?? "postgres",
            "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", Math.Min(clients, 2).ToString(CultureInfo.InvariantCulture),
            "-T", seconds.ToString(CultureInfo.InvariantCulture), "-M", prepared ? "prepared" : "simple", "-f", submit + "@1", "-f", withdraw + "@1", b.Database!])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        File.Delete(submit);
        File.Delete(withdraw);
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("tps = ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"pgbench failed: {errors}");
        return double.Parse(line["tps = ".Length..].Split(' ')[0], CultureInfo.InvariantCulture);
    }

    /// <summary>One action's statements; :n is 100 + the client number (its user and declaration), :c its 科室.</summary>
    public static string Script(bool submit)
    {
        var (action, from, to) = submit ? ("submit", "Draft", "OfficeReview") : ("withdraw", "OfficeReview", "Draft");
        var newTask = submit
            ? $"(gen_random_uuid(), NULL, NULL, 'Office', NULL, NULL, NULL, NULL, NULL, NULL, now(), '{Id}', NULL, now() + interval '7 days', now() + interval '4 days', 'OfficeReview', NULL, NULL)"
            : $"(gen_random_uuid(), NULL, NULL, 'SectionDrafter', 's:c', NULL, NULL, NULL, NULL, NULL, now(), '{Id}', NULL, now() + interval '9 days', now() + interval '6 days', 'Draft', NULL, NULL)";
        var snapshot = submit
            ? $"""
              INSERT INTO bench_versions ("CreatedAt", "CreatedById", "CreatedByName", "DeclarationId", "FormJson", "Number", "Reason", "Sha256", "Stage")
                VALUES (now(), '{User}', '压测:c', '{Id}', (SELECT "FormJson" || '' FROM bench_declarations WHERE "Id" = '{Id}'), :d_Version + 1, 'Submitted',
                '9f2c4e1a7b3d5f60819a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f70', '{to}') RETURNING "Id" \;
              """
            : "";
        var outbox = submit
            ? $"""
              INSERT INTO bench_outbox ("Attempts", "CreatedAt", "LastError", "MessageId", "MessageType", "NextAttemptAt", "Payload")
                VALUES (0, now(), NULL, gen_random_uuid(), 'PerfWorkflow.Workflows.Contracts.DeclarationSubmitted', now(), (SELECT body || '' FROM bench_payloads WHERE kind = 'submitted')) RETURNING "Id" \;
              """
            : "";
        var lastSubmitted = submit ? "\"LastSubmittedVersion\" = :d_Version + 1, " : "";
        return $"""
            \set c :client_id
            \set n 100 + :client_id
            \set k random(1, 2000000000)
            SELECT * FROM bench_idempotency WHERE "UserId" = '{User}' AND "Key" = 'load-:k' LIMIT 1;
            SELECT * FROM bench_declarations WHERE "SectionId" = 's:c' AND "Id" = '{Id}' LIMIT 1 \gset d_
            SELECT * FROM bench_tasks WHERE "DeclarationId" = '{Id}' AND "CompletedAt" IS NULL \gset t_
            SELECT * FROM budget_cycles WHERE "Year" = 2024 LIMIT 1;
            BEGIN \;
            INSERT INTO bench_audit ("Action", "ActorId", "ActorName", "At", "Comment", "DeclarationId", "FromStage", "Ip", "PackageCycleYear", "ToStage", "Version")
              VALUES ('{action}', '{User}', '压测:c', now(), NULL, '{Id}', '{from}', '127.0.0.1', NULL, '{to}', :d_Version + 1) RETURNING "Id" \;
            {snapshot}
            UPDATE bench_declarations SET "DueAt" = now() + interval '7 days', {lastSubmitted}"Stage" = '{to}', "StageEnteredAt" = now(), "UpdatedAt" = now(), "Version" = :d_Version + 1
              WHERE "Id" = '{Id}' AND "Version" = :d_Version \;
            {outbox}
            UPDATE bench_tasks SET "CompletedAt" = now(), "CompletedById" = '{User}', "CompletedByName" = '压测:c', "Outcome" = '{action}' WHERE "Id" = ':t_Id' \;
            INSERT INTO bench_tasks ("Id", "AssigneeId", "AssigneeName", "CandidateRole", "CandidateSectionId", "ClaimedAt", "Comment", "CompletedAt", "CompletedById",
              "CompletedByName", "CreatedAt", "DeclarationId", "DelegatedById", "DueAt", "FollowUpAt", "Kind", "Outcome", "PackageCycleYear") VALUES {newTask} \;
            INSERT INTO bench_idempotency ("Key", "UserId", "Request", "StatusCode", "ResponseJson", "CreatedAt")
              VALUES ('load-' || gen_random_uuid(), '{User}', 'POST /api/declarations/{Id}/actions/{action}', 200, (SELECT body || '' FROM bench_payloads WHERE kind = 'answer'), now());
            COMMIT;

            """;
    }

    /// <summary>
    /// The same script for -M prepared: a variable becomes a parameter there, so it cannot sit inside a quoted literal
    /// (the uuids and names are built by concatenation), and compound commands (\;) cannot be prepared, so the
    /// transaction's statements go in one pipeline: one round trip, as Npgsql sends SaveChanges' batch.
    /// </summary>
    public static string Prepared(string script)
    {
        const string userPrefix = "00000000-0000-0000-0001-000000000";
        const string idPrefix = "00000000-0000-0000-0000-000000000";
        return script
            .Replace($"'POST /api/declarations/{Id}/", "'POST /api/declarations/' || :n || '/", StringComparison.Ordinal)
            .Replace($"'{User}'", $"('{userPrefix}' || :n)::uuid", StringComparison.Ordinal)
            .Replace($"'{Id}'", $"('{idPrefix}' || :n)::uuid", StringComparison.Ordinal)
            .Replace("'s:c'", "('s' || :c)", StringComparison.Ordinal)
            .Replace("'压测:c'", "('压测' || :c)", StringComparison.Ordinal)
            .Replace("'load-:k'", "('load-' || :k)", StringComparison.Ordinal)
            .Replace("':t_Id'", ":t_Id::uuid", StringComparison.Ordinal)
            .Replace(" \\;", ";", StringComparison.Ordinal)
            .Replace("BEGIN;", "\\startpipeline\nBEGIN;", StringComparison.Ordinal)
            .Replace("COMMIT;", "COMMIT;\n\\endpipeline", StringComparison.Ordinal);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
