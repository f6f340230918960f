using Beacon.Core.Validation;
using Microsoft.AspNetCore.Http;

namespace Beacon.Server.Api;

/// <summary>Turns the typed errors of the core into problems, for every endpoint of the API.</summary>
internal sealed class ErrorFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (InvalidArgumentException e)
        {
            return Problems.InvalidArgument(e.Field, e.Message);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problems.BodyTooLarge(e.Message);
        }
        catch (BadHttpRequestException e)
        {
            return Problems.MalformedBody(e.Message);
        }
    }
}
