using System.Text;
using Cloudnet.Emulator.Control;
using Cloudnet.Emulator.Faults;
using Cloudnet.Emulator.State;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Cloudnet.Emulator.Api;

/// <summary>
/// The EC2 Query API on POST / (form-encoded, Action=…): counts the call, applies injected
/// latency, throttling and errors, runs the action and writes EC2's XML. SigV4 is not checked.
/// </summary>
internal sealed class Ec2Endpoint(Ec2Actions actions, FaultController faults, CallCounter calls, TimeProvider time, ILogger logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in context.Request.Query)
        {
            values[key] = value.ToString();
        }

        if (context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync(ct).ConfigureAwait(false);
            foreach (var (key, value) in form)
            {
                values[key] = value.ToString();
            }
        }

        var requestId = Guid.NewGuid().ToString();
        var action = values.GetValueOrDefault("Action") ?? "";
        if (!actions.Handlers.TryGetValue(action, out var spec))
        {
            calls.Record(action.Length == 0 ? "(none)" : action, failed: true, throttled: false);
            var error = action.Length == 0
                ? new Ec2Exception(Ec2ErrorCodes.MissingParameter, "The request must contain the parameter Action")
                : new Ec2Exception(Ec2ErrorCodes.InvalidAction, $"The action {action} is not valid for this web service.");
            await WriteErrorAsync(context, action, error, requestId).ConfigureAwait(false);
            return;
        }

        var parameters = new QueryParameters(values);
        var decision = faults.Decide(action, Classify(spec.Class, values));
        if (decision.Latency > TimeSpan.Zero)
        {
            await Task.Delay(decision.Latency, time, ct).ConfigureAwait(false);
        }

        if (decision.Error is { } injected)
        {
            calls.Record(action, failed: true, decision.Throttled);
            await WriteErrorAsync(context, action, injected, requestId).ConfigureAwait(false);
            return;
        }

        string body;
        try
        {
            using var xml = new Ec2Xml(action, requestId);
            spec.Handle(parameters, xml);
            body = xml.Finish();
        }
        catch (Ec2Exception e)
        {
            calls.Record(action, failed: true, throttled: false);
            await WriteErrorAsync(context, action, e, requestId).ConfigureAwait(false);
            return;
        }
#pragma warning disable CA1031 // a bug in an action must become EC2's InternalError, not a dropped connection
        catch (Exception e)
#pragma warning restore CA1031
        {
            EmulatorLog.Ec2Crash(logger, e, action);
            calls.Record(action, failed: true, throttled: false);
            await WriteErrorAsync(context, action, new Ec2Exception(Ec2ErrorCodes.InternalError, "An internal error has occurred: " + e.Message), requestId).ConfigureAwait(false);
            return;
        }

        calls.Record(action, failed: false, throttled: false);
        EmulatorLog.Ec2Call(logger, action, 200);
        await WriteAsync(context, 200, body).ConfigureAwait(false);
    }

    /// <summary>EC2 gives Describe calls without any filter, id or page size a smaller bucket.</summary>
    private static ActionClass Classify(ActionClass declared, Dictionary<string, string> values) =>
        declared == ActionClass.NonMutating && !values.Keys.Any(k =>
            k.StartsWith("Filter.", StringComparison.Ordinal) || k == "MaxResults" || k.EndsWith("Id.1", StringComparison.Ordinal)
            || k.StartsWith("InstanceType.", StringComparison.Ordinal))
            ? ActionClass.UnfilteredNonMutating
            : declared;

    private Task WriteErrorAsync(HttpContext context, string action, Ec2Exception error, string requestId)
    {
        EmulatorLog.Ec2Error(logger, action, error.Code, error.Message);
        return WriteAsync(context, error.HttpStatus, Ec2Xml.Error(error.Code, error.Message, requestId));
    }

    private static async Task WriteAsync(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/xml;charset=UTF-8";
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }
}
