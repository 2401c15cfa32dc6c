using System.Collections.Frozen;
using System.Text;
using PerfWorkflow.Workflows.Contracts;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace PerfWorkflow.Notifications.Rendering;

/// <summary>
/// The email templates, parsed once (register as a singleton; construction is the start-up check). Each event has one
/// file <c>Templates/{Event}.sbn</c> that sets <c>subject</c> (optionally <c>headline</c>, <c>comment_title</c>) and
/// outputs the opening paragraphs as plain text; the shared layouts <c>Templates/Shared/layout.html.sbn</c> and <c>layout.text.sbn</c> wrap
/// them with the key figures, diff, comments and links of the model's family. The wording of an event thus lives in
/// one place for both parts, and the HTML part renders in a context that escapes every value it writes.
/// </summary>
public sealed class MailTemplates
{
    /// <summary>Each event with a template and the model family it renders.</summary>
    private static readonly (string Event, Type Model)[] Events =
    [
        (nameof(DeclarationSubmitted), typeof(DeclarationMailModel)),
        (nameof(DeclarationReturned), typeof(DeclarationMailModel)),
        (nameof(DeclarationAccepted), typeof(DeclarationMailModel)),
        (nameof(TaskAssigned), typeof(TaskMailModel)),
        (nameof(TaskDueSoon), typeof(TaskMailModel)),
        (nameof(TaskOverdue), typeof(TaskMailModel)),
        (nameof(TaskEscalated), typeof(TaskMailModel)),
        (nameof(TaskUrged), typeof(TaskMailModel)),
        (nameof(TaskRemindersDigested), typeof(DigestMailModel)),
        (nameof(TaskDeadlinesMoved), typeof(DigestMailModel)),
        (nameof(OfficeReviewsDigested), typeof(ReviewDigestMailModel)),
        (nameof(PackageSubmittedForReview), typeof(PackageMailModel)),
        (nameof(PackageApproved), typeof(PackageMailModel)),
        (nameof(PackageSubmittedToFinance), typeof(PackageMailModel)),
        (nameof(PackageAccepted), typeof(PackageMailModel)),
        (nameof(FinanceReturned), typeof(DeclarationMailModel)),
    ];

    private static readonly FrozenDictionary<string, Type> ModelTypes =
        Events.ToFrozenDictionary(e => e.Event, e => e.Model, StringComparer.Ordinal);

    /// <summary>The events that have a template: the name to pass to <see cref="Render"/> (the event type's name).</summary>
    public static IReadOnlyList<string> EventNames { get; } = [.. Events.Select(e => e.Event)];

    /// <summary>The model type an event's template expects (<see cref="DeclarationMailModel"/>, <see cref="TaskMailModel"/>, <see cref="PackageMailModel"/> or <see cref="DigestMailModel"/>).</summary>
    public static Type ModelTypeOf(string eventName) =>
        ModelTypes.TryGetValue(eventName, out var type)
            ? type
            : throw new ArgumentException($"No mail template for '{eventName}'.", nameof(eventName));

    internal const string HtmlLayout = "Shared/layout.html";
    internal const string TextLayout = "Shared/layout.text";
    private const string ResourcePrefix = "Templates/";
    private const string Extension = ".sbn";

    private readonly FrozenDictionary<string, Template> _templates;
    private readonly FrozenDictionary<string, string> _sources;
    private readonly ScriptObject _functions = new();
    private readonly ScriptObject _textBuiltins = TemplateContext.GetDefaultBuiltinObject();
    private readonly ScriptObject _htmlBuiltins = HtmlEscapingContext.CreateBuiltins();

    /// <summary>Loads and parses every template embedded in this assembly; throws <see cref="MailTemplateException"/> if one is broken.</summary>
    public MailTemplates()
        : this(EmbeddedSources())
    {
    }

    /// <summary>Parses the given templates: name (path under Templates/ without .sbn) → Scriban text.</summary>
    internal MailTemplates(IReadOnlyDictionary<string, string> sources)
    {
        _sources = sources.ToFrozenDictionary(StringComparer.Ordinal);
        _templates = ParseAll(_sources);
        _functions.Import(typeof(MailFormat));
    }

    /// <summary>Every template name, partials included.</summary>
    public IReadOnlyCollection<string> TemplateNames => _templates.Keys;

    /// <summary>Renders the event's email for one recipient. An unknown template or a model of the wrong family is a programming error.</summary>
    public RenderedMail Render(string templateName, MailModel model)
    {
        var expected = ModelTypeOf(templateName);
        if (model.GetType() != expected)
        {
            throw new ArgumentException($"{templateName} renders a {expected.Name}, not a {model.GetType().Name}.", nameof(model));
        }
        var globals = new ScriptObject();
        globals.Import(model);
        globals["family"] = Family(model);
        globals["comment_title"] = "审核意见";

        var opening = _templates[templateName].Render(NewContext(new TemplateContext(_textBuiltins), globals));
        var subject = SingleLine(globals["subject"] as string);
        if (subject.Length == 0)
        {
            throw new MailTemplateException($"{FilePath(templateName)} sets no subject.");
        }
        globals["subject"] = subject;
        globals["headline"] = SingleLine(globals["headline"] as string) is { Length: > 0 } headline ? headline : subject;
        globals["paragraphs"] = Paragraphs(opening);

        var text = _templates[TextLayout].Render(NewContext(new TemplateContext(_textBuiltins), globals));
        var html = _templates[HtmlLayout].Render(NewContext(new HtmlEscapingContext(_htmlBuiltins), globals));
        return new RenderedMail(subject, html, TidyText(text));
    }

    private TemplateContext NewContext(TemplateContext context, ScriptObject globals)
    {
        // Typos and null dereferences fail loudly in tests instead of leaving a blank in someone's mail.
        context.StrictVariables = true;
        context.EnableRelaxedMemberAccess = false;
        context.LoopLimit = 100_000;
        context.TemplateLoader = new Loader(_sources);
        foreach (var (name, template) in _templates)
        {
            // Partials were parsed at start-up; include finds them here and never parses again.
            context.CachedTemplates[name] = template;
        }
        context.PushGlobal(_functions);
        context.PushGlobal(globals);
        return context;
    }

    private static string Family(MailModel model) => model switch
    {
        DeclarationMailModel => "declaration",
        TaskMailModel => "task",
        PackageMailModel => "package",
        DigestMailModel => "digest",
        ReviewDigestMailModel => "reviews",
        _ => throw new ArgumentException($"No mail layout for {model.GetType().Name}.", nameof(model)),
    };

    private static FrozenDictionary<string, Template> ParseAll(IReadOnlyDictionary<string, string> sources)
    {
        var templates = new Dictionary<string, Template>(StringComparer.Ordinal);
        var errors = new StringBuilder();
        foreach (var (name, source) in sources.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var template = Template.Parse(source, FilePath(name));
            if (template.HasErrors)
            {
                errors.AppendLine($"{FilePath(name)}: {string.Join("; ", template.Messages)}");
                continue;
            }
            templates[name] = template;
        }
        foreach (var required in EventNames.Append(HtmlLayout).Append(TextLayout))
        {
            if (!sources.ContainsKey(required))
            {
                errors.AppendLine($"{FilePath(required)}: missing.");
            }
        }
        if (errors.Length > 0)
        {
            throw new MailTemplateException("Mail templates are broken:" + Environment.NewLine + errors.ToString().TrimEnd());
        }
        return templates.ToFrozenDictionary(StringComparer.Ordinal);
    }

    internal static Dictionary<string, string> EmbeddedSources()
    {
        var assembly = typeof(MailTemplates).Assembly;
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var path = resource.Replace('\\', '/');
            if (!path.StartsWith(ResourcePrefix, StringComparison.Ordinal) || !path.EndsWith(Extension, StringComparison.Ordinal))
            {
                continue;
            }
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            sources[path[ResourcePrefix.Length..^Extension.Length]] = reader.ReadToEnd();
        }
        return sources;
    }

    private static string FilePath(string name) => $"{ResourcePrefix}{name}{Extension}";

    /// <summary>A mail header is one line: breaks and runs of spaces (also from user text) become one space.</summary>
    private static string SingleLine(string? text) =>
        string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string[] Paragraphs(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Trailing spaces go, and blank lines left by template tags shrink to one between blocks.</summary>
    private static string TidyText(string text)
    {
        var result = new StringBuilder();
        var blank = false;
        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.TrimEnd();
            if (line.Length == 0)
            {
                blank = result.Length > 0;
                continue;
            }
            if (blank)
            {
                result.Append('\n');
                blank = false;
            }
            result.Append(line).Append('\n');
        }
        return result.ToString();
    }

    /// <summary>Resolves <c>include 'Shared/diff.html'</c> to the embedded template of that name.</summary>
    private sealed class Loader(IReadOnlyDictionary<string, string> sources) : ITemplateLoader
    {
        public string GetPath(TemplateContext context, SourceSpan callerSpan, string templateName) => templateName;

        public string Load(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
            sources.TryGetValue(templatePath, out var source)
                ? source
                : throw new Scriban.Syntax.ScriptRuntimeException(callerSpan, $"No mail template '{FilePath(templatePath)}'.");

        public ValueTask<string?> LoadAsync(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
            ValueTask.FromResult<string?>(Load(context, callerSpan, templatePath));
    }
}
