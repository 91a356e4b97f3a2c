package sa.navaia.dialer.console;

import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import sa.navaia.dialer.campaign.FieldError;
import sa.navaia.dialer.campaign.InvalidFieldsException;

/**
 * The API's refusals as JSON: {@code {"message": "...", "errors": [{"field": "...", "message": "..."}]}}, each
 * error naming the field and what would be right.
 */
@RestControllerAdvice(assignableTypes = {CampaignApi.class, ImportApi.class, ReportApi.class, OperationsApi.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ApiErrors {

    record Problem(String message, List<FieldError> errors) {
    }

    @ExceptionHandler(InvalidFieldsException.class)
    ResponseEntity<Problem> invalid(InvalidFieldsException e) {
        return ResponseEntity.badRequest().body(new Problem(e.getMessage(), e.errors()));
    }

    @ExceptionHandler(FieldException.class)
    ResponseEntity<Problem> field(FieldException e) {
        return ResponseEntity.badRequest().body(new Problem(e.getMessage(), List.of(new FieldError(e.field(), e.getMessage()))));
    }

    @ExceptionHandler(InvalidFileException.class)
    ResponseEntity<Problem> invalidFile(InvalidFileException e) {
        return ResponseEntity.unprocessableContent()
                .body(new Problem(e.getMessage(), List.of(new FieldError(e.field(), e.getMessage()))));
    }

    @ExceptionHandler(ImportStoppedException.class)
    ResponseEntity<Problem> importStopped(ImportStoppedException e) {
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(new Problem(e.getMessage(), List.of()));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Problem> missing(MissingServletRequestParameterException e) {
        String message = e.getParameterName() + " is required.";
        return ResponseEntity.badRequest().body(new Problem(message, List.of(new FieldError(e.getParameterName(), message))));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Problem> mismatch(MethodArgumentTypeMismatchException e) {
        String message = e.getName() + " must be a " + (e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName())
                + "; got \"" + e.getValue() + "\".";
        return ResponseEntity.badRequest().body(new Problem(message, List.of(new FieldError(e.getName(), message))));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Problem> unreadable(HttpMessageNotReadableException e) {
        return ResponseEntity.badRequest().body(new Problem("The body must be a JSON object with the documented fields: "
                + e.getMostSpecificCause().getMessage(), List.of()));
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Problem> notFound(NotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new Problem(e.getMessage(), List.of()));
    }

    @ExceptionHandler({ConflictException.class})
    ResponseEntity<Problem> conflict(RuntimeException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(new Problem(e.getMessage(), List.of()));
    }

    /** A taken campaign name and similar refusals of the repositories. */
    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Problem> refused(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(new Problem(e.getMessage(), List.of()));
    }
}
