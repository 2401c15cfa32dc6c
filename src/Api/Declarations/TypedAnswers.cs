using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using PerfWorkflow.Workflows.Declarations;

namespace PerfWorkflow.Api.Declarations;

/// <summary>An HTTP status as a type, so that an endpoint's <c>Results&lt;…&gt;</c> can name it for the OpenAPI document.</summary>
public interface IHttpStatus
{
    static abstract int Code { get; }
}

/// <summary>The statuses the JSON API answers with, as type arguments of <see cref="Problem{TStatus}"/> and <see cref="DeclarationJsonResult{TStatus, TValue}"/>.</summary>
public static class Status
{
    public sealed class Ok : IHttpStatus
    {
        private Ok() { }
        public static int Code => StatusCodes.Status200OK;
    }

    public sealed class Created : IHttpStatus
    {
        private Created() { }
        public static int Code => StatusCodes.Status201Created;
    }

    public sealed class BadRequest : IHttpStatus
    {
        private BadRequest() { }
        public static int Code => StatusCodes.Status400BadRequest;
    }

    public sealed class Forbidden : IHttpStatus
    {
        private Forbidden() { }
        public static int Code => StatusCodes.Status403Forbidden;
    }

    public sealed class NotFound : IHttpStatus
    {
        private NotFound() { }
        public static int Code => StatusCodes.Status404NotFound;
    }

    public sealed class Conflict : IHttpStatus
    {
        private Conflict() { }
        public static int Code => StatusCodes.Status409Conflict;
    }

    public sealed class PayloadTooLarge : IHttpStatus
    {
        private PayloadTooLarge() { }
        public static int Code => StatusCodes.Status413PayloadTooLarge;
    }

    public sealed class UnsupportedMediaType : IHttpStatus
    {
        private UnsupportedMediaType() { }
        public static int Code => StatusCodes.Status415UnsupportedMediaType;
    }

    public sealed class UnprocessableEntity : IHttpStatus
    {
        private UnprocessableEntity() { }
        public static int Code => StatusCodes.Status422UnprocessableEntity;
    }

    public sealed class TooManyRequests : IHttpStatus
    {
        private TooManyRequests() { }
        public static int Code => StatusCodes.Status429TooManyRequests;
    }
}

/// <summary>
/// A ProblemDetails answer written exactly as <see cref="TypedResults.Problem(ProblemDetails)"/> writes it (through the
/// ProblemDetails service, <c>application/problem+json</c>), with its status in its type: <see cref="ProblemHttpResult"/>
/// knows its status only when it runs, so OpenAPI cannot list it; this one documents <typeparamref name="TStatus"/>.
/// </summary>
public sealed class Problem<TStatus> : IResult, IStatusCodeHttpResult, IContentTypeHttpResult, IValueHttpResult, IValueHttpResult<ProblemDetails>, IEndpointMetadataProvider
    where TStatus : IHttpStatus
{
    private readonly ProblemHttpResult _problem;

    internal Problem(ProblemDetails details)
    {
        if (details.Status != TStatus.Code)
        {
            throw new ArgumentException($"A {typeof(TStatus).Name} problem must have status {TStatus.Code}, not {details.Status}.", nameof(details));
        }
        _problem = TypedResults.Problem(details);
    }

    public ProblemDetails ProblemDetails => _problem.ProblemDetails;

    public int? StatusCode => TStatus.Code;

    public string ContentType => _problem.ContentType;

    ProblemDetails? IValueHttpResult<ProblemDetails>.Value => _problem.ProblemDetails;

    object? IValueHttpResult.Value => _problem.ProblemDetails;

    public Task ExecuteAsync(HttpContext httpContext) => _problem.ExecuteAsync(httpContext);

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(TStatus.Code, typeof(ProblemDetails), ["application/problem+json"]));
}

/// <summary>
/// A JSON body written with <see cref="DeclarationJson.Options"/> (the field names and formats of the validate verb), as
/// <c>TypedResults.Json(value, DeclarationJson.Options, statusCode: …)</c> writes it, documented in OpenAPI as a
/// <typeparamref name="TValue"/> answer with <typeparamref name="TStatus"/> (which <see cref="JsonHttpResult{TValue}"/> is not).
/// </summary>
public sealed class DeclarationJsonResult<TStatus, TValue> : IResult, IStatusCodeHttpResult, IContentTypeHttpResult, IValueHttpResult, IValueHttpResult<TValue>, IEndpointMetadataProvider
    where TStatus : IHttpStatus
{
    private readonly JsonHttpResult<TValue> _json;

    internal DeclarationJsonResult(TValue value)
    {
        _json = TypedResults.Json(value, DeclarationJson.Options, statusCode: TStatus.Code);
    }

    public TValue? Value => _json.Value;

    object? IValueHttpResult.Value => _json.Value;

    public int? StatusCode => TStatus.Code;

    public string? ContentType => _json.ContentType;

    public Task ExecuteAsync(HttpContext httpContext) => _json.ExecuteAsync(httpContext);

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(TStatus.Code, typeof(TValue), ["application/json"]));
}
