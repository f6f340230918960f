using Microsoft.AspNetCore.Http;

namespace Beacon.Server.Api;

/// <summary>
/// <c>200</c> with an empty body, as <c>Results.Ok()</c> answers, without what that costs per request:
/// its ExecuteAsync resolves a logger from the request's services (creating the request's DI scope)
/// to log the status at Debug level.
/// </summary>
internal sealed class EmptyOk : IResult
{
    public static readonly EmptyOk Instance = new();

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentLength = 0;
        return Task.CompletedTask;
    }
}
