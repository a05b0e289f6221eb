package dev.alignment.contract;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.util.function.Predicate;

/** Jackson's view of which keys are required: every record component unless it or its record is {@link OptionalKey}. */
final class RequiredByDefault extends JacksonAnnotationIntrospector {
  private static final long serialVersionUID = 1L;

  @Override
  public Boolean hasRequiredMarker(AnnotatedMember member) {
    return required(member::hasAnnotation, member.getDeclaringClass());
  }

  /** The rule, for any reader of the records' annotations (the schema generator too). */
  static boolean required(AnnotatedElement member, Class<?> record) {
    return required(member::isAnnotationPresent, record);
  }

  private static boolean required(Predicate<Class<? extends Annotation>> annotated, Class<?> record) {
    // An unwrapped component stands for its record's keys, which carry their own marks.
    return !annotated.test(OptionalKey.class) && !annotated.test(JsonUnwrapped.class) && !record.isAnnotationPresent(OptionalKey.class);
  }
}
