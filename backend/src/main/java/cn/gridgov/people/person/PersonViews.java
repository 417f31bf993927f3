package cn.gridgov.people.person;

import cn.gridgov.identity.personal.PersonalData;
import cn.gridgov.people.person.PersonRepository.PersonRow;
import jakarta.enterprise.context.ApplicationScoped;

/** Turns stored people into their views (masked) and checked drafts into rows to store (encrypted and hashed). */
@ApplicationScoped
public class PersonViews {

    private final PersonalData personalData;

    public PersonViews(PersonalData personalData) {
        this.personalData = personalData;
    }

    public PersonView view(PersonRow r) {
        return new PersonView(r.id(), r.householdId(), r.name(),
                r.idNumberEnc() == null ? null : PersonalData.maskIdNumber(personalData.decrypt(r.idNumberEnc())),
                r.phoneEnc() == null ? null : PersonalData.maskPhone(personalData.decrypt(r.phoneEnc())),
                r.gender(), r.birthDate() == null ? null : r.birthDate().toString(), r.relation(), r.tags(),
                r.partyMemberId(), r.volunteerId(), r.version());
    }

    public PersonRepository.Sealed seal(PersonCheck.Draft d) {
        IdNumber id = d.idNumber();
        return new PersonRepository.Sealed(d.name(), id == null ? null : personalData.encrypt(id.value()),
                id == null ? null : personalData.searchHash(id.value()),
                d.phone() == null ? null : personalData.encrypt(d.phone()),
                d.phone() == null ? null : personalData.searchHash(d.phone()),
                id == null ? null : id.gender().name(), id == null ? null : id.birthDate(), d.relation().name(),
                d.tags().stream().map(Enum::name).toArray(String[]::new), d.partyMemberId(), d.volunteerId());
    }

    /** The search hash of an ID number or phone as typed (normalised the way a stored one is). */
    public byte[] hash(String plain) {
        return personalData.searchHash(plain);
    }
}
