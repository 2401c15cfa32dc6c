using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Api.Auth;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Declarations.Diff;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route;
using PerfWorkflow.Workflows.Tasks;
using Replayed = Microsoft.AspNetCore.Http.HttpResults.Results<
    Microsoft.AspNetCore.Http.HttpResults.ContentHttpResult,
    PerfWorkflow.Api.Declarations.Problem<PerfWorkflow.Api.Declarations.Status.UnprocessableEntity>>;

namespace PerfWorkflow.Api.Declarations;

public sealed record DeclarationSummary(
    Guid Id, int CycleYear, string SectionId, string Code, string Name, string Stage, int Version,
    decimal CurrentYearAmountYuan, int ErrorCount, int WarningCount, DateTimeOffset? DueAt, DateTimeOffset UpdatedAt, string UpdatedByName);

/// <summary>The body of <c>POST /api/declarations/actions/{action}</c>: the declarations, and one comment/reason for all.</summary>
public sealed record BatchActionRequest
{
    public IReadOnlyList<BatchActionItem>? Items { get; init; }

    public string? Comment { get; init; }

    public string? Reason { get; init; }

    public string? To { get; init; }

    public ActionRequest ToActionRequest() => new() { Comment = Comment, Reason = Reason, To = To };
}

public sealed record RemindRequest(string? Comment);

/// <summary>The answer of <c>POST /api/declarations/{id}/remind</c>.</summary>
public sealed record RemindAnswer(Guid Id, bool Reminded);

/// <summary>The answer of <c>GET /api/declarations/{id}/diff</c>: the version numbers compared, and their difference.</summary>
public sealed record DiffAnswer(int From, int To, DeclarationDiff Diff);

public sealed record BatchActionItem(Guid Id, int? ExpectedVersion);

public sealed record BatchActionResult(Guid Id, bool Ok, string? Stage, int? Version, Microsoft.AspNetCore.Mvc.ProblemDetails? Problem);

public sealed record BatchActionResponse(IReadOnlyList<BatchActionResult> Results);

public sealed record VersionSummary(int Number, string Reason, string Stage, string Sha256, DateTimeOffset CreatedAt, string CreatedByName);

public sealed record HistoryEntry(DateTimeOffset At, string ActorName, string Action, string? FromStage, string? ToStage, string? Comment, string? Ip, int? Version);

/// <summary>HTTP API of declarations (docs/architecture.md §8). Bodies and answers use the field names of the validate verb.</summary>
public static class DeclarationsApi
{
    /// <summary>
    /// Rows of one page of <c>GET /api/declarations</c>, and the default page: as many as the portal's list shows, so one
    /// budget cycle (the bureau's projects of a year) comes in one page; the list over all cycles grows every year and is paged.
    /// </summary>
    public const int MaxPageSize = 2000;

    public static void MapDeclarationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/declarations").WithTags("declarations").RequireAuthorization();
        group.MapGet("/", ListAsync);
        group.MapPost("/", CreateAsync);
        group.MapGet("/{id:guid}", GetAsync);
        group.MapPut("/{id:guid}", UpdateAsync);
        group.MapPost("/{id:guid}/actions/{action}", ActAsync);
        group.MapPost("/actions/{action}", ActOnManyAsync);
        group.MapPost("/{id:guid}/remind", RemindAsync);
        group.MapGet("/{id:guid}/versions", VersionsAsync);
        group.MapGet("/{id:guid}/diff", DiffAsync);
        group.MapGet("/{id:guid}/history", HistoryAsync);
    }

    /// <summary>
    /// The declarations the caller may see, filtered and sorted; one page of them (<c>page</c> from 1, <c>pageSize</c> up
    /// to <see cref="MaxPageSize"/>, the default). The list is not bounded by anything but the filters: without a cycle it
    /// holds every year's declarations (never pruned), so instead of cutting it silently the answer is paged, and a page
    /// with more after it says so in a <c>Link: &lt;…&gt;; rel="next"</c> header (RFC 8288).
    /// </summary>
    private static async Task<Results<Ok<List<DeclarationSummary>>, Problem<Status.BadRequest>>> ListAsync(
        HttpContext http, DeclarationWorkflow workflow, int? cycle, string? stage, string? section, string? q, string? sort, bool? desc,
        int? page, int? pageSize, CancellationToken ct)
    {
        var number = page ?? 1;
        var size = pageSize ?? MaxPageSize;
        if (number < 1 || size < 1 || size > MaxPageSize)
        {
            return ApiResults.Problem<Status.BadRequest>($"page 从 1 开始，pageSize 须在 1–{MaxPageSize} 之间（默认 {MaxPageSize}）。", "请求不完整");
        }
        var query = workflow.VisibleTo(http.ToActor()).AsNoTracking();
        if (cycle is not null)
        {
            query = query.Where(d => d.CycleYear == cycle);
        }
        if (Enum.TryParse<DeclarationStage>(stage, ignoreCase: true, out var s))
        {
            query = query.Where(d => d.Stage == s);
        }
        if (!string.IsNullOrEmpty(section))
        {
            query = query.Where(d => d.SectionId == section);
        }
        query = query.Matching(q);
        // A total order (the id last), so that pages neither repeat nor skip a declaration.
        query = sort is null ? query.OrderBy(d => d.SectionId).ThenBy(d => d.Code).ThenBy(d => d.Id) : query.SortedBy(sort, desc ?? false);
        // The summary's columns only: a page never loads the forms (FormJson).
        var rows = await query.Skip((number - 1) * size).Take(size + 1)
            .Select(d => new
            {
                d.Id, d.CycleYear, d.SectionId, d.Code, d.Name, d.Stage, d.Version, d.CurrentYearAmountYuan,
                d.ErrorCount, d.WarningCount, d.DueAt, d.UpdatedAt, d.UpdatedByName,
            })
            .ToListAsync(ct);
        if (rows.Count > size)
        {
            var next = QueryString.Create(http.Request.Query
                .Where(p => p.Key is not ("page" or "pageSize"))
                .SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v)))
                .Append(KeyValuePair.Create("page", (string?)(number + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)))
                .Append(KeyValuePair.Create("pageSize", (string?)size.ToString(System.Globalization.CultureInfo.InvariantCulture))));
            http.Response.Headers.Link = $"<{http.Request.PathBase}{http.Request.Path}{next}>; rel=\"next\"";
        }
        return TypedResults.Ok(rows.Take(size).Select(d => new DeclarationSummary(
            d.Id, d.CycleYear, d.SectionId, d.Code, d.Name, d.Stage.ToString(), d.Version, d.CurrentYearAmountYuan,
            d.ErrorCount, d.WarningCount, d.DueAt, d.UpdatedAt, d.UpdatedByName)).ToList());
    }

    private static async Task<Results<DeclarationJsonResult<Status.Created, JsonObject>, Problem<Status.BadRequest>, ActionRefusal>> CreateAsync(
        HttpContext http, DeclarationWorkflow workflow, JsonObject body, CancellationToken ct)
    {
        if (!TryRead(body, out var form, out var problem) || !TryReadInt(body, "cycleYear", out var cycleYearValue, out problem))
        {
            return problem!;
        }
        var cycleYear = cycleYearValue ?? 0;
        var copyFrom = body["copyFrom"] is JsonValue v && v.TryGetValue<Guid>(out var g) ? g : (Guid?)null;
        var actor = http.ToActor();
        var outcome = copyFrom is { } source
            ? await workflow.CopyAsync(actor, source, cycleYear, ct)
            : await workflow.CreateAsync(actor, cycleYear, form!, ct);
        return outcome is ActionOutcome.Done { Declaration: { } d }
            ? ApiResults.JsonCreated(View(d, workflow, actor))
            : ApiResults.Problem(outcome);
    }

    private static async Task<Results<DeclarationJsonResult<Status.Ok, JsonObject>, NotFoundOrForbidden>> GetAsync(
        Guid id, HttpContext http, DeclarationWorkflow workflow, CancellationToken ct)
    {
        var actor = http.ToActor();
        var (declaration, refusal) = await workflow.LoadAsync(actor, id, ct);
        return declaration is null ? ApiResults.Refusal(refusal!) : ApiResults.Json(View(declaration, workflow, actor));
    }

    private static async Task<Results<DeclarationJsonResult<Status.Ok, JsonObject>, Problem<Status.BadRequest>, ActionRefusal>> UpdateAsync(
        Guid id, HttpContext http, DeclarationWorkflow workflow, JsonObject body, CancellationToken ct)
    {
        if (!TryRead(body, out var form, out var problem) || !TryReadInt(body, "expectedVersion", out var expected, out problem))
        {
            return problem!;
        }
        if (expected is null)
        {
            return ApiResults.Problem<Status.BadRequest>("请提供 expectedVersion（您编辑时所基于的版本号），以免覆盖他人的修改。", "请求不完整");
        }
        var actor = http.ToActor();
        var outcome = await workflow.UpdateAsync(actor, id, form!, expected, ct);
        return outcome is ActionOutcome.Done { Declaration: { } d }
            ? ApiResults.Json(View(d, workflow, actor))
            : ApiResults.Problem(outcome);
    }

    private static async Task<Results<DeclarationJsonResult<Status.Ok, JsonObject>, Replayed, Problem<Status.BadRequest>, ActionRefusal>> ActAsync(
        Guid id, string action, HttpContext http, DeclarationWorkflow workflow, PerfWorkflowDbContext db, ActionRequest? request, CancellationToken ct)
    {
        var actor = http.ToActor();
        var key = http.Request.Headers["Idempotency-Key"].ToString();
        var requestLabel = $"POST /api/declarations/{id}/actions/{action}";
        if (key.Length > 0)
        {
            if (key.Length > 128)
            {
                return KeyTooLong();
            }
            if (await FindIdempotentAsync(db, actor.UserId, key, ct) is { } earlier)
            {
                return Replay(earlier, requestLabel);
            }
        }
        // The stored answer is built from the declaration as saved; the response reuses it instead of building it again.
        JsonObject? answer = null;
        Func<Declaration, IdempotencyRecord>? record = key.Length == 0 ? null : d => new IdempotencyRecord
        {
            Key = key,
            UserId = actor.UserId,
            Request = requestLabel,
            StatusCode = StatusCodes.Status200OK,
            ResponseJson = (answer = View(d, workflow, actor)).ToJsonString(DeclarationJson.Options),
            CreatedAt = d.UpdatedAt,
        };
        ActionOutcome outcome;
        try
        {
            outcome = await workflow.ActAsync(actor, id, action, request ?? new ActionRequest(), record, ct);
        }
        catch (DbUpdateException) when (key.Length > 0)
        {
            // The same key raced us and committed first: its answer is the answer.
            db.ChangeTracker.Clear();
            var earlier = await FindIdempotentAsync(db, actor.UserId, key, ct);
            return earlier is not null ? Replay(earlier, requestLabel) : throw new InvalidOperationException("Idempotency conflict without a stored answer.");
        }
        return outcome is ActionOutcome.Done { Declaration: { } d }
            ? ApiResults.Json(answer ?? View(d, workflow, actor))
            : ApiResults.Problem(outcome);
    }

    /// <summary>
    /// The same action on many declarations, each in its own transaction; the answer lists every one (done, or why
    /// not). With an Idempotency-Key a repeat returns the first answer; the answer is stored once the batch is through.
    /// </summary>
    private static async Task<Results<DeclarationJsonResult<Status.Ok, BatchActionResponse>, Replayed, Problem<Status.BadRequest>>> ActOnManyAsync(
        string action, HttpContext http, DeclarationBatch batch, PerfWorkflowDbContext db, TimeProvider clock, BatchActionRequest? request, CancellationToken ct)
    {
        if (!DeclarationBatch.IsBatchable(action))
        {
            return ApiResults.Problem<Status.BadRequest>($"「{action}」不能批量执行。可批量执行：{string.Join("、", ActionNames.All.Where(DeclarationBatch.IsBatchable))}。", "请求不完整");
        }
        if (request?.Items is not { Count: > 0 } items)
        {
            return ApiResults.Problem<Status.BadRequest>("请至少选择一张申报表（items: [{id, expectedVersion}]）。", "请求不完整");
        }
        if (items.Count > DeclarationBatch.MaxItems)
        {
            return ApiResults.Problem<Status.BadRequest>($"一次最多处理 {DeclarationBatch.MaxItems} 张申报表，请分批操作。", "请求不完整");
        }
        var actor = http.ToActor();
        var key = http.Request.Headers["Idempotency-Key"].ToString();
        var requestLabel = $"POST /api/declarations/actions/{action}";
        if (key.Length > 128)
        {
            return KeyTooLong();
        }
        if (key.Length > 0 && await FindIdempotentAsync(db, actor.UserId, key, ct) is { } earlier)
        {
            return Replay(earlier, requestLabel);
        }
        var results = await batch.ActAsync(actor, action, items.Select(i => new BatchItem(i.Id, i.ExpectedVersion)).ToList(), request.ToActionRequest(), ct);
        var answer = new BatchActionResponse(results.Select(r => new BatchActionResult(
            r.Id, r.Ok, r.Stage, r.Version, r.Ok ? null : ApiResults.Details(r.Outcome))).ToList());
        if (key.Length > 0)
        {
            db.IdempotencyRecords.Add(new IdempotencyRecord
            {
                Key = key,
                UserId = actor.UserId,
                Request = requestLabel,
                StatusCode = StatusCodes.Status200OK,
                ResponseJson = JsonSerializer.Serialize(answer, DeclarationJson.Options),
                CreatedAt = clock.GetUtcNow(),
            });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // The same key raced us: each declaration refused the second attempt (stale), the first answer stands.
                db.ChangeTracker.Clear();
                if (await FindIdempotentAsync(db, actor.UserId, key, ct) is { } first)
                {
                    return Replay(first, requestLabel);
                }
                throw;
            }
        }
        return ApiResults.Json(answer);
    }

    /// <summary>催办: the holder of the declaration's open task is mailed now (202); a second one the same day is a 429.</summary>
    private static async Task<Results<Accepted<RemindAnswer>, ActionRefusal>> RemindAsync(
        Guid id, HttpContext http, DeclarationUrging urging, RemindRequest? request, CancellationToken ct)
    {
        var outcome = await urging.UrgeAsync(http.ToActor(), id, request?.Comment, ct);
        return outcome is ActionOutcome.Done
            ? TypedResults.Accepted($"/api/declarations/{id}/history", new RemindAnswer(id, Reminded: true))
            : ApiResults.Problem(outcome);
    }

    private static Task<IdempotencyRecord?> FindIdempotentAsync(PerfWorkflowDbContext db, Guid userId, string key, CancellationToken ct) =>
        db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.UserId == userId && r.Key == key, ct);

    private static Problem<Status.BadRequest> KeyTooLong() => ApiResults.Problem<Status.BadRequest>("Idempotency-Key 不能超过 128 个字符。", "请求不完整");

    /// <summary>The first answer to a request with this Idempotency-Key, as stored; or 422 if the key was used for another request.</summary>
    private static Replayed Replay(IdempotencyRecord earlier, string request) =>
        earlier.Request == request
            ? TypedResults.Text(earlier.ResponseJson, "application/json; charset=utf-8", statusCode: earlier.StatusCode)
            : ApiResults.Problem<Status.UnprocessableEntity>("这个 Idempotency-Key 已用于另一项操作，请为新操作使用新的键。", "幂等键冲突");

    private static async Task<Results<Ok<IEnumerable<VersionSummary>>, NotFoundOrForbidden>> VersionsAsync(Guid id, HttpContext http, DeclarationWorkflow workflow, PerfWorkflowDbContext db, CancellationToken ct)
    {
        var (declaration, refusal) = await workflow.LoadAsync(http.ToActor(), id, ct);
        if (declaration is null)
        {
            return ApiResults.Refusal(refusal!);
        }
        var versions = await db.DeclarationVersions.AsNoTracking().Where(v => v.DeclarationId == id).OrderBy(v => v.Number).ToListAsync(ct);
        return TypedResults.Ok(versions.Select(v => new VersionSummary(v.Number, v.Reason.ToString(), v.Stage.ToString(), v.Sha256, v.CreatedAt, v.CreatedByName)));
    }

    private static async Task<Results<DeclarationJsonResult<Status.Ok, DiffAnswer>, Problem<Status.NotFound>, NotFoundOrForbidden>> DiffAsync(
        Guid id, int? from, int? to, HttpContext http, DeclarationWorkflow workflow, PerfWorkflowDbContext db, DiffBaseline baseline, CancellationToken ct)
    {
        var (declaration, refusal) = await workflow.LoadAsync(http.ToActor(), id, ct);
        if (declaration is null)
        {
            return ApiResults.Refusal(refusal!);
        }
        var versions = await db.DeclarationVersions.AsNoTracking().Where(v => v.DeclarationId == id).ToDictionaryAsync(v => v.Number, ct);
        // Without "to", compare with the form as it is now; without "from", with the version a reader's diff starts from.
        var fromNumber = from ?? await baseline.NumberForAsync(declaration, ct) ?? versions.Keys.DefaultIfEmpty(1).Min();
        if (!versions.TryGetValue(fromNumber, out var fromVersion) || (to is { } t && !versions.ContainsKey(t)))
        {
            return ApiResults.Problem<Status.NotFound>($"没有该版本。现有版本：{string.Join("、", versions.Keys.Order())}。", "未找到版本");
        }
        var toJson = to is { } n ? versions[n].FormJson : declaration.FormJson;
        var diff = DeclarationDiff.Compare(Read(fromVersion.FormJson), Read(toJson));
        return ApiResults.Json(new DiffAnswer(fromNumber, to ?? declaration.Version, diff));
    }

    private static async Task<Results<Ok<IEnumerable<HistoryEntry>>, NotFoundOrForbidden>> HistoryAsync(Guid id, HttpContext http, DeclarationWorkflow workflow, PerfWorkflowDbContext db, CancellationToken ct)
    {
        var (declaration, refusal) = await workflow.LoadAsync(http.ToActor(), id, ct);
        if (declaration is null)
        {
            return ApiResults.Refusal(refusal!);
        }
        var events = await db.AuditEvents.AsNoTracking().Where(a => a.DeclarationId == id).OrderBy(a => a.Id).ToListAsync(ct);
        return TypedResults.Ok(events.Select(a => new HistoryEntry(a.At, a.ActorName, a.Action, a.FromStage, a.ToStage, a.Comment, a.Ip, a.Version)));
    }

    private static DeclarationForm Read(string json) => JsonSerializer.Deserialize<DeclarationForm>(json, DeclarationJson.Options) ?? new DeclarationForm();

    /// <summary>The declaration as JSON: the form's fields (validate's names) plus id, stage, version, permittedActions, findings.</summary>
    public static JsonObject View(Declaration declaration, DeclarationWorkflow workflow, PerfWorkflow.Workflows.Organisation.Actor actor)
    {
        var (form, findings) = workflow.Inspect(declaration);
        var json = JsonSerializer.SerializeToNode(form, DeclarationJson.Options)!.AsObject();
        json["id"] = declaration.Id;
        json["cycleYear"] = declaration.CycleYear;
        json["sectionId"] = declaration.SectionId;
        json["stage"] = declaration.Stage.ToString();
        json["version"] = declaration.Version;
        json["dueAt"] = declaration.DueAt;
        json["dueIsProvisional"] = declaration.DueIsProvisional;
        json["excludedReason"] = declaration.ExcludedReason;
        json["originDeclarationId"] = declaration.OriginDeclarationId;
        json["lastSubmittedVersion"] = declaration.LastSubmittedVersion;
        json["canEdit"] = DeclarationWorkflow.CanEdit(declaration, actor);
        json["permittedActions"] = JsonSerializer.SerializeToNode(DeclarationWorkflow.PermittedActions(declaration, actor), DeclarationJson.Options);
        json["findings"] = JsonSerializer.SerializeToNode(findings, DeclarationJson.Options);
        return json;
    }

    /// <summary>Reads the form part of a body; a malformed body is a 400 saying which field, never a 500.</summary>
    private static bool TryRead(JsonObject body, out DeclarationForm? form, out Problem<Status.BadRequest>? problem)
    {
        try
        {
            form = body.Deserialize<DeclarationForm>(DeclarationJson.Options) ?? new DeclarationForm();
            if (DeclarationInputLimits.FirstViolation(form) is { } violation)
            {
                form = null;
                problem = ApiResults.Problem<Status.BadRequest>(violation, "内容超过上限");
                return false;
            }
            problem = null;
            return true;
        }
        catch (JsonException ex)
        {
            form = null;
            problem = ApiResults.Problem<Status.BadRequest>($"申报表内容格式不正确：{ex.Path} {ex.Message.Split('.')[0]}。", "请求格式错误");
            return false;
        }
    }

    /// <summary>An optional whole-number field; a string, fraction or object there is a 400 naming the field, never a 500.</summary>
    private static bool TryReadInt(JsonObject body, string field, out int? value, out Problem<Status.BadRequest>? problem)
    {
        value = null;
        problem = null;
        var node = body[field];
        if (node is null)
        {
            return true;
        }
        if (node is JsonValue json && json.GetValueKind() == JsonValueKind.Number && json.TryGetValue<int>(out var number))
        {
            value = number;
            return true;
        }
        problem = ApiResults.Problem<Status.BadRequest>($"字段 {field} 须为整数，收到的是 {node.ToJsonString()}。", "请求格式错误",
            new Dictionary<string, object?> { ["field"] = field });
        return false;
    }
}
