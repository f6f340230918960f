using Beacon.Core.Validation;
using Microsoft.AspNetCore.Http;

namespace Beacon.Server.Api;

/// <summary>
/// Turns the typed errors of the core into problems, for every endpoint of the API. One shared
/// instance serves every request; an endpoint that completes synchronously (heartbeat, most reads)
/// passes through without an async state machine.
/// </summary>
internal sealed class ErrorFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ValueTask<object?> pending;
        try
        {
            pending = next(context);
        }
        catch (Exception e) when (ToProblem(e) is { } problem)
        {
            return ValueTask.FromResult<object?>(problem);
        }

        return pending.IsCompletedSuccessfully ? pending : AwaitAsync(pending);
    }

    private static async ValueTask<object?> AwaitAsync(ValueTask<object?> pending)
    {
        try
        {
            return await pending;
        }
        catch (Exception e) when (ToProblem(e) is { } problem)
        {
            return problem;
        }
    }

    /// <summary>The problem an exception maps to, or null for exceptions that are not the client's fault.</summary>
    internal static IResult? ToProblem(Exception exception) => exception switch
    {
        InvalidArgumentException e => Problems.InvalidArgument(e.Field, e.Message),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } e => Problems.BodyTooLarge(e.Message),
        BadHttpRequestException e => Problems.MalformedBody(e.Message),
        _ => null,
    };
}
