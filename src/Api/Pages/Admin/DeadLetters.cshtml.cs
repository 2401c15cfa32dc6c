using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Api.Auth;
using PerfWorkflow.Api.Messaging;
using PerfWorkflow.Workflows.Persistence;

namespace PerfWorkflow.Api.Pages.Admin;

/// <summary><c>/admin/dead-letters</c>: outbox messages parked after every retry failed, each with a replay button.</summary>
[Authorize(Policy = PortalPolicies.Admin)]
public sealed partial class DeadLettersModel(DeadLetters deadLetters, PerfWorkflowDbContext db, ILogger<DeadLettersModel> logger) : PageModel
{
    /// <summary>What a message is about: a declaration (linked) or a budget year's package.</summary>
    public sealed record Concern(string Label, string? Href);

    public sealed record Row(DeadLetterView Letter, string TypeLabel, string TypeName, Concern? Concern);

    public const int PageSize = 50;

    [BindProperty(Name = "p", SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public Pager Pager { get; private set; } = null!;

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Pager = new Pager(PageNumber, await deadLetters.CountAsync(ct), PageSize, p => $"/admin/dead-letters?p={p}", "死信分页");
        var letters = await deadLetters.ListAsync(Pager.Skip, PageSize, ct);
        var concerns = await ConcernsAsync(letters, ct);
        Rows = [.. letters.Select(l => new Row(l, MessageLabels.Of(l.MessageType), MessageLabels.ShortName(l.MessageType), concerns.GetValueOrDefault(l.Id)))];
        return Page();
    }

    /// <summary>
    /// Moves one message back to the outbox. The delete of the dead letter is the claim, so a second click, a reload
    /// of the POST or another admin's replay finds nothing to move and says what became of the message.
    /// </summary>
    public async Task<IActionResult> OnPostReplayAsync(long id, Guid messageId, CancellationToken ct)
    {
        if (await deadLetters.ReplayDeadLetterAsync(id, ct))
        {
            LogReplayed(id, messageId, User.Identity?.Name);
            TempData["Flash"] = $"死信 #{id} 已放回发件箱，将在数秒内重新投递。";
            return RedirectToPage();
        }
        TempData["Flash"] = await WhatBecameOfAsync(id, messageId, ct);
        return RedirectToPage();
    }

    private async Task<string> WhatBecameOfAsync(long id, Guid messageId, CancellationToken ct)
    {
        if (await db.OutboxMessages.AnyAsync(m => m.MessageId == messageId, ct))
        {
            return $"死信 #{id} 已经重新投递过，消息正在发件箱中等待发送；本次没有再次投递。";
        }
        if (await db.DeadLetterMessages.Where(m => m.MessageId == messageId).Select(m => (long?)m.Id).FirstOrDefaultAsync(ct) is { } again)
        {
            return $"死信 #{id} 已经重新投递过，但再次失败，见死信 #{again}；本次没有再次投递。";
        }
        return messageId == Guid.Empty
            ? $"没有死信 #{id}，没有投递任何消息。"
            : $"死信 #{id} 已经重新投递过，并已发送；本次没有再次投递。";
    }

    /// <summary>The declaration (directly, or through the task) or the package each message is about.</summary>
    private async Task<Dictionary<long, Concern>> ConcernsAsync(IReadOnlyList<DeadLetterView> letters, CancellationToken ct)
    {
        var keys = letters.ToDictionary(l => l.Id, l => ReadKeys(l.Payload));
        var taskIds = keys.Values.Select(k => k.TaskId).OfType<Guid>().Distinct().ToList();
        var tasks = await db.Tasks.AsNoTracking().Where(t => taskIds.Contains(t.Id))
            .Select(t => new { t.Id, t.DeclarationId, t.PackageCycleYear }).ToDictionaryAsync(t => t.Id, ct);
        var declarationIds = keys.Values.Select(k => k.DeclarationId)
            .Concat(tasks.Values.Select(t => t.DeclarationId)).OfType<Guid>().Distinct().ToList();
        var declarations = await db.Declarations.AsNoTracking().Where(d => declarationIds.Contains(d.Id))
            .Select(d => new { d.Id, d.Code, d.Name }).ToDictionaryAsync(d => d.Id, ct);

        var concerns = new Dictionary<long, Concern>();
        foreach (var (id, key) in keys)
        {
            var task = key.TaskId is { } taskId ? tasks.GetValueOrDefault(taskId) : null;
            var declarationId = key.DeclarationId ?? task?.DeclarationId;
            var cycle = key.CycleYear ?? task?.PackageCycleYear;
            if (declarationId is { } d)
            {
                concerns[id] = declarations.TryGetValue(d, out var found)
                    ? new Concern($"{found.Code} {found.Name}".Trim(), $"/declarations/{d}")
                    : new Concern("申报表已不存在", null);
            }
            else if (cycle is { } year)
            {
                concerns[id] = new Concern($"{year}年度申报包", $"/package?cycle={year}");
            }
        }
        return concerns;
    }

    private readonly record struct Keys(Guid? DeclarationId, Guid? TaskId, int? CycleYear);

    /// <summary>The ids a payload carries, read leniently: a payload that is no JSON object just has none.</summary>
    private static Keys ReadKeys(string payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return default;
            }
            Guid? declarationId = null, taskId = null;
            int? cycle = null;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.NameEquals("declarationId") || property.NameEquals("DeclarationId"))
                {
                    declarationId = property.Value.ValueKind == JsonValueKind.String && property.Value.TryGetGuid(out var g) ? g : null;
                }
                else if (property.NameEquals("taskId") || property.NameEquals("TaskId"))
                {
                    taskId = property.Value.ValueKind == JsonValueKind.String && property.Value.TryGetGuid(out var g) ? g : null;
                }
                else if (property.NameEquals("cycleYear") || property.NameEquals("CycleYear"))
                {
                    cycle = property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetInt32(out var y) ? y : null;
                }
            }
            return new Keys(declarationId, taskId, cycle);
        }
        catch (JsonException)
        {
            return default;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dead letter {Id} (message {MessageId}) replayed by {Admin}")]
    private partial void LogReplayed(long id, Guid messageId, string? admin);
}
