using System.Net;
using PerfWorkflow.Workflows.Declarations.Diff;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace PerfWorkflow.Notifications.Rendering;

/// <summary>
/// The context HTML parts render in: every value a template writes is HTML-encoded, so a template cannot forget to
/// escape user text. Only markup this renderer produced itself (<see cref="HtmlMarkup"/>: an included partial) passes
/// unchanged. Literal template text is not a value and is written as is.
/// </summary>
internal sealed class HtmlEscapingContext : TemplateContext
{
    public HtmlEscapingContext(ScriptObject builtins)
        : base(builtins)
    {
    }

    public override TemplateContext Write(SourceSpan span, object? textAsObject) => textAsObject switch
    {
        null => this,
        HtmlMarkup markup => base.Write(span, markup.Html),
        _ => base.Write(span, WebUtility.HtmlEncode(ObjectToString(textAsObject))),
    };

    /// <summary>The built-in functions for HTML parts: Scriban's, with <c>include</c> marking its output as markup.</summary>
    public static ScriptObject CreateBuiltins()
    {
        var builtins = GetDefaultBuiltinObject();
        var include = builtins["include"] as IScriptCustomFunction
            ?? throw new InvalidOperationException("Scriban has no built-in include function.");
        builtins.SetValue("include", new MarkupInclude(include), readOnly: true);
        builtins.Import("multiline", new Func<string?, HtmlMarkup>(Multiline));
        return builtins;
    }

    /// <summary>User text with its line breaks kept: escaped here, then each newline becomes a &lt;br&gt;.</summary>
    public static HtmlMarkup Multiline(string? text) =>
        new(WebUtility.HtmlEncode(TextDiff.Normalize(text)).Replace("\n", "<br>\n", StringComparison.Ordinal));


    private sealed class MarkupInclude(IScriptCustomFunction include) : IScriptCustomFunction
    {
        public int RequiredParameterCount => include.RequiredParameterCount;

        public int ParameterCount => include.ParameterCount;

        public ScriptVarParamKind VarParamKind => include.VarParamKind;

        public Type ReturnType => typeof(object);

        public ScriptParameterInfo GetParameterInfo(int index) => include.GetParameterInfo(index);

        public object? Invoke(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
            new HtmlMarkup(context.ObjectToString(include.Invoke(context, callerContext, arguments, blockStatement)) ?? "");

        public async ValueTask<object?> InvokeAsync(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
            new HtmlMarkup(context.ObjectToString(await include.InvokeAsync(context, callerContext, arguments, blockStatement)) ?? "");
    }
}

/// <summary>HTML produced by the renderer itself (an included partial, escaped text with line breaks): written as is.</summary>
internal sealed record HtmlMarkup(string Html)
{
    public override string ToString() => Html;
}
