using FluentValidation;
using IntegrationLedger.Application.Common;
using IntegrationLedger.Application.Persistence;
using IntegrationLedger.Application.Persistence.Auditing;
using IntegrationLedger.Domain.Common;
using IntegrationLedger.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace IntegrationLedger.Application.Features.People;

/// <summary><c>ledger person train EMAIL --on DATE [--course NAME]</c>: a completion of security training.</summary>
public sealed record RecordTraining(string Email, DateOnly On, string? Course = null);

/// <summary>A training completion as people read it.</summary>
public sealed record TrainingView(DateOnly CompletedOn, string Course, string RecordedBy);

public sealed record TrainingRecorded(PersonSummary Person, TrainingView Training, bool AlreadyRecorded);

public sealed class RecordTrainingValidator : AbstractValidator<RecordTraining>
{
    public RecordTrainingValidator()
    {
        RuleFor(r => r.Email).NotEmpty();
        RuleFor(r => r.Course).MaximumLength(FieldLimits.Name);
    }
}

public sealed class RecordTrainingHandler(Ledger ledger)
{
    public async Task<TrainingRecorded> HandleAsync(RecordTraining request, CancellationToken cancellationToken = default)
    {
        await new RecordTrainingValidator().ValidateAndThrowAsync(request, cancellationToken);
        await using var change = await ledger.BeginChangeAsync(AuditActions.PersonTrain, cancellationToken);
        var person = await ledger.Db.RequirePersonAsync(request.Email, cancellationToken);
        var course = Guard(request.Course);
        // The same course on the same day is one completion: recording it again changes nothing.
        if (await ledger.Db.TrainingRecords.AsNoTracking().FirstOrDefaultAsync(t => t.PersonId == person.Id && t.CompletedOn == request.On && t.Course == course, cancellationToken) is { } existing)
            return new TrainingRecorded(PersonSummary.From(person), View(existing), AlreadyRecorded: true);
        if (person.HasDeparted && request.On > person.DepartedOn)
            throw new DomainException($"{person.Email} departed on {person.DepartedOn:yyyy-MM-dd}; training on {request.On:yyyy-MM-dd} cannot be theirs.");
        var record = new TrainingRecord(person.Id, request.On, course, ledger.Actor, ledger.Now);
        ledger.Db.TrainingRecords.Add(record);
        await change.CommitAsync(cancellationToken);
        return new TrainingRecorded(PersonSummary.From(person), View(record), AlreadyRecorded: false);
    }

    private static string Guard(string? course) => string.IsNullOrWhiteSpace(course) ? TrainingRecord.DefaultCourse : course.Trim();

    public static TrainingView View(TrainingRecord record) => new(record.CompletedOn, record.Course, record.RecordedBy);
}
